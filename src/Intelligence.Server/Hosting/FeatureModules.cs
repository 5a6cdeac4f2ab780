using Intelligence.Server.Alerts;
using Intelligence.Server.Articles;
using Intelligence.Server.Facts;
using Intelligence.Server.Replay;

namespace Intelligence.Server.Hosting;

public static class FeatureModules
{
    /// <summary>Every feature of the server, in registration order.</summary>
    public static IReadOnlyList<IFeatureModule> All { get; } =
    [
        new ArticlesModule(),
        new FactsModule(),
        new AlertsModule(),
        new ReplayModule(),
    ];
}
