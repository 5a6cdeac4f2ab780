using Intelligence.Server.Companies.Profiling;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Tests.Hosting;

/// <summary>
/// The HotCold async daemon across two servers on one database, with the registry's Patched.DistributedLock.Postgres
/// and Marten's default session-scoped leadership lock: one node leads, and when it stops the other takes over and
/// keeps the async projections (company profiles) current.
/// </summary>
public sealed class DaemonLeadershipTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Projections_keep_up_after_the_leading_node_stops()
    {
        var first = await RunningServer.Start(db.ConnectionString);
        await using var second = await RunningServer.Start(db.ConnectionString);
        try
        {
            await first.IngestSample("01-ledger-microsoft-openai-stake.html");
            Assert.NotNull(await Profile(second, "OpenAI", p => p.OfType("stake").Any()));
        }
        finally
        {
            await first.DisposeAsync();
        }

        // The first node (the leader, or not) is gone: the second alone keeps the profiles current.
        await second.IngestSample("07-mondedulogiciel-openai-publicite-pertes.html");
        Assert.NotNull(await Profile(second, "OpenAI", p => p.OfType("loss").Any()));
    }

    private static async Task<CompanyProfile?> Profile(RunningServer server, string company, Func<CompanyProfile, bool> until)
    {
        var store = server.App.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using var session = store.QuerySession();
            if (await session.LoadAsync<CompanyProfile>(company) is { } profile && until(profile)) return profile;
            await Task.Delay(200);
        }
        return null;
    }
}
