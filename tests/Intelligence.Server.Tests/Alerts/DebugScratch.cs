using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Xunit.Abstractions;

namespace Intelligence.Server.Tests.Alerts;

public sealed class DebugScratch(PostgresDatabase db, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Debug()
    {
        await using var slack = await SlackReceiver.Start();
        var server = await AlertTestKit.StartServer(db.ConnectionString);
        try
        {
            await AlertTestKit.DefineRule(server, "Dbg", slack.WebhookUrl, new { companies = new[] { "OpenAI" } });
            var fact = AlertTestKit.Loss();
            await AlertTestKit.Report(server, fact, "lemonde.fr");
            await Task.Delay(3000);
            await using var s = server.Services.GetRequiredService<IDocumentStore>().QuerySession();
            output.WriteLine("triggers: " + (await s.Query<AlertTrigger>().CountAsync()) + " alerts: " + (await s.Query<AlertView>().CountAsync()) + " received: " + slack.Received.Count);
            var rule = await s.Query<Intelligence.Server.Alerts.Rules.AlertRuleView>().FirstAsync();
            var fv = await s.LoadAsync<Intelligence.Server.Facts.Corroborating.FactView>(Intelligence.Domain.Facts.FactKey.Of(fact));
            output.WriteLine(System.Text.Json.JsonSerializer.Serialize(fv));
            output.WriteLine("match: " + AlertMatcher.Matches(rule.Criteria, fv!));
            try { await server.Services.GetRequiredService<IMessageBus>().InvokeAsync(new EvaluateFactAlerts(Intelligence.Domain.Facts.FactKey.Of(fact))); }
            catch (Exception e) { output.WriteLine(e.ToString()); }
            await Task.Delay(2000);
            output.WriteLine("alerts after invoke: " + (await s.Query<AlertView>().CountAsync()) + " received: " + slack.Received.Count);
        }
        finally { await AlertTestKit.Stop(server); }
    }
}
