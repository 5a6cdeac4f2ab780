using Intelligence.Server.Hosting;
using Npgsql;

namespace Intelligence.Server.Tests.Storage;

/// <summary>The settings every node adds to its connection string, unless the string sets them itself.</summary>
public sealed class ConnectionDefaultsTests
{
    private const string Plain = "Host=127.0.0.1;Port=5432;Database=intel;Username=u;Password=p";

    [Fact]
    public void A_plain_connection_string_gets_automatic_preparation_and_dead_client_checks()
    {
        var tuned = new NpgsqlConnectionStringBuilder(IntelligenceHost.WithServerDefaults(Plain));

        Assert.Equal(IntelligenceHost.AutoPreparedStatements, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.Contains("client_connection_check_interval=1000", tuned.Options);
        Assert.Equal("intel", tuned.Database);
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0)]
    [InlineData("MaxAutoPrepare=7", 7)]
    public void Preparation_set_in_the_connection_string_is_kept(string setting, int expected)
    {
        var tuned = new NpgsqlConnectionStringBuilder(IntelligenceHost.WithServerDefaults($"{Plain};{setting}"));

        Assert.Equal(expected, tuned.MaxAutoPrepare);
        Assert.NotEqual(2, tuned.AutoPrepareMinUsages);
    }

    [Fact]
    public void A_check_interval_set_in_the_connection_string_is_kept()
    {
        var tuned = new NpgsqlConnectionStringBuilder(IntelligenceHost.WithServerDefaults($"{Plain};Options=-c client_connection_check_interval=5000"));

        Assert.Equal("-c client_connection_check_interval=5000", tuned.Options);
    }
}
