using Intelligence.Server.Tests.Infrastructure;

namespace Intelligence.Server.Tests.Companies;

/// <summary>A company's losses are keyed by period: a projected year and a cumulative horizon stated in one sentence
/// ("une perte de 14 milliards de dollars en 2026 et 115 milliards de pertes accumulées d'ici à 2029") are two entries.</summary>
public sealed class CompanyLossesTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.Start(db.ConnectionString);
        await _server.IngestSample("07-mondedulogiciel-openai-publicite-pertes.html");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private sealed record Loss(string Key, LossLatest Latest);

    private sealed record LossLatest(string Period, string? Kind, Money Money);

    private sealed record Money(decimal Amount, string Currency);

    [Fact]
    public async Task The_projected_year_and_the_cumulative_horizon_are_separate_periods()
    {
        var result = await _server.GraphQL("""
            { company(name: "OpenAI") { losses { key latest { period kind money { amount currency } } } } }
            """);
        var losses = result.DataAt<List<Loss>>("company", "losses").ToDictionary(l => l.Key, l => l.Latest);

        var year = losses["2026 (projected)"];
        Assert.Equal(14_000_000_000m, year.Money.Amount);
        Assert.Equal("USD", year.Money.Currency);

        var cumulative = losses["cumulative to 2029 (projected)"];
        Assert.Equal(115_000_000_000m, cumulative.Money.Amount);
    }
}
