using Intelligence.Server.Alerts;
using Intelligence.Server.Articles;
using Intelligence.Server.Companies;
using Intelligence.Server.Dashboard;
using Intelligence.Server.Facts;
using Intelligence.Server.Live;
using Intelligence.Server.Partnerships;
using Intelligence.Server.Replay;
using Intelligence.Server.Sources;
using Intelligence.Server.Security;

namespace Intelligence.Server.Hosting;

public static class FeatureModules
{
    /// <summary>Every feature of the server, in registration order.</summary>
    public static IReadOnlyList<IFeatureModule> All { get; } =
    [
        new ArticlesModule(),
        new FactsModule(),
        new CompaniesModule(),
        new PartnershipsModule(),
        new SourcesModule(),
        new AlertsModule(),
        new ReplayModule(),
        new SecurityModule(),
        new LiveModule(),
        new DashboardModule(),
    ];
}
