using System.Net;
using GraphQL;
using GraphQL.Execution;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Health;
using Intelligence.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Intelligence.Server.Tests.Security;

/// <summary>The smaller findings: health text, internal error codes, negative page sizes, `ingest url --allow-private` with a host name.</summary>
public sealed class SmallerItemsTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Readiness_says_unavailable_without_the_database_error()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Nothing listens on port 9: the check fails with Npgsql's "Failed to connect to 127.0.0.1:9" exception.
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create("Host=127.0.0.1;Port=9;Username=u;Password=secretpw;Timeout=2"));
        builder.Services.AddSingleton(new Intelligence.Server.Hosting.IntelligenceOptions { ConnectionString = "Host=127.0.0.1;Port=9" });
        await using var app = builder.Build();
        HealthEndpoints.Map(app);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        using var response = await http.GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("""{"status":"unavailable","database":"unavailable"}""", body);
        await app.StopAsync();
    }

    [Fact]
    public void Internal_failures_answer_a_generic_code_not_the_exception_type()
    {
        var failures = new Exception[] { new NpgsqlException("connection refused to 10.0.0.5"), new System.Net.Sockets.SocketException(111), new InvalidOperationException("bug") };
        foreach (var failure in failures)
        {
            var error = new UnhandledError("Error trying to resolve field 'articles'.", failure);
            Assert.NotEqual(PublicErrorInfoProvider.InternalCode, new ErrorInfoProvider().GetInfo(error).Extensions?["code"]); // what it was
            var info = new PublicErrorInfoProvider().GetInfo(error);
            Assert.Equal(PublicErrorInfoProvider.InternalCode, info.Extensions!["code"]);
            Assert.Equal(new[] { PublicErrorInfoProvider.InternalCode }, info.Extensions["codes"]);
            Assert.DoesNotContain("10.0.0.5", info.Message);
        }
        // Errors the API raises on purpose keep their codes.
        var own = new PublicErrorInfoProvider().GetInfo(new ExecutionError("bad cursor") { Code = "BAD_CURSOR" });
        Assert.Equal("BAD_CURSOR", own.Extensions!["code"]);
    }

    [Theory]
    [InlineData("{ articles(first: -5) { totalCount } }")]
    [InlineData("{ events(first: -5) { totalCount } }")]
    [InlineData("{ alerts(last: -1) { totalCount } }")]
    [InlineData("{ articles(first: 101) { totalCount } }")]
    public async Task A_negative_or_oversized_page_is_refused_with_a_clear_error(string query)
    {
        await using var server = await RunningServer.Start(db.ConnectionString);
        var result = await server.GraphQL(query);
        var error = result["errors"]?[0] ?? throw new Xunit.Sdk.XunitException(result.ToJsonString());
        Assert.Equal("PAGE_SIZE_OUT_OF_RANGE", (string?)error["extensions"]?["code"]);
        Assert.Contains("between 0 and 100", (string?)error["message"]);
    }

    [Fact]
    public async Task The_gpu_endpoint_is_reached_through_the_egress_guard_and_nothing_else_is()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var gpu = builder.Build();
        gpu.MapGet("/v1/models", () => Results.Text("{\"data\":[]}", "application/json"));
        await gpu.StartAsync();
        var endpoint = new Uri(new Uri(gpu.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/v1");

        var options = Intelligence.Server.Articles.ArticlesModule.GuardedGpu(new Intelligence.Extraction.SummarizerOptions
        {
            Gpu = new Intelligence.Extraction.Gpu.GpuExpertOptions { Mode = Intelligence.Extraction.Gpu.GpuMode.All, Endpoint = endpoint },
        });
        using var http = new HttpClient(options!.Gpu.Handler!, disposeHandler: false);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(endpoint, "/v1/models"))).StatusCode); // its own host and port
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.2:{endpoint.Port}/v1/models"));
        Assert.IsType<Intelligence.Ingestion.Fetching.FetchRefusedException>(refused.InnerException); // another private address: never dialled
        await gpu.StopAsync();
    }

    [Fact]
    public async Task Ingest_url_allow_private_accepts_a_host_name_with_its_port()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var site = builder.Build();
        site.MapGet("/robots.txt", () => Results.Text("User-agent: *\nAllow: /\n"));
        site.MapGet("/news/stake", () => Results.Text(File.ReadAllText(Path.Combine(RepoPaths.SampleCorpus, "01-ledger-microsoft-openai-stake.html")), "text/html; charset=utf-8"));
        await site.StartAsync();
        var port = new Uri(site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

        // The CLI's own download path (`intel ingest url`), without the cost of starting a CLI host.
        var url = new Uri($"http://localhost:{port}/news/stake");
        var fetcher = new Intelligence.Ingestion.Fetching.Fetcher();
        var refused = await Assert.ThrowsAsync<Intelligence.Cli.Hosting.CliException>(() => Intelligence.Cli.Ingestion.PageDownloader.Download(fetcher, url, false, CancellationToken.None));
        Assert.Contains("private", refused.Message, StringComparison.OrdinalIgnoreCase);
        var (finalUrl, html, _) = await Intelligence.Cli.Ingestion.PageDownloader.Download(fetcher, url, true, CancellationToken.None);
        Assert.Equal(url, finalUrl);
        Assert.Contains("Redmond", html);
        var allowed = await Intelligence.Cli.Ingestion.PageDownloader.AllowListFor(url, CancellationToken.None);
        Assert.All(allowed.Entries, e => Assert.EndsWith($":{port}", e)); // that host's addresses, that port only
        await site.StopAsync();
    }
}
