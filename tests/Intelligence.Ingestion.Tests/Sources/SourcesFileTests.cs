using Intelligence.Ingestion.Sources;

namespace Intelligence.Ingestion.Tests.Sources;

public class SourcesFileTests
{
    [Fact]
    public void Parses_every_kind_with_defaults()
    {
        var sources = SourcesFile.Parse("""
            { "sources": [
              { "id": "ledger-tech", "name": "Ledger Tech", "kind": "rss", "url": "https://ledger.example.com/tech.rss",
                "schedule": "*/15 * * * *", "language": "EN", "hostDelaySeconds": 2.5 },
              { "id": "brief", "kind": "atom", "url": "https://brief.example.com/atom.xml", "enabled": false, "note": "robots.txt forbids" },
              { "id": "presse", "kind": "sitemap", "url": "https://presse.example.fr/news-sitemap.xml", "language": "fr" },
              { "id": "one", "kind": "page", "url": "http://127.0.0.1:8080/a", "allowPrivateAddresses": ["127.0.0.1:8080"] },
              { "id": "local", "kind": "file", "path": "samples/corpus" }, // comments are allowed
            ] }
            """, "test", baseDirectory: "/srv/intel");

        Assert.Equal(5, sources.Count);
        var rss = sources[0];
        Assert.Equal(SourceKind.Rss, rss.Kind);
        Assert.Equal("en", rss.Language);
        Assert.Equal(TimeSpan.FromSeconds(2.5), rss.HostDelay);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 15, 0, TimeSpan.Zero), rss.NextRunAfter(new DateTimeOffset(2026, 1, 1, 10, 1, 0, TimeSpan.Zero)));
        Assert.True(rss.AllowPrivateAddresses.IsEmpty);
        Assert.False(sources[1].Enabled);
        Assert.Equal("brief", sources[1].Name);
        Assert.Equal(["127.0.0.1:8080"], sources[3].AllowPrivateAddresses.Entries);
        Assert.Equal("/srv/intel/samples/corpus", sources[4].Path);
    }

    [Fact]
    public void Reports_every_problem_with_its_place()
    {
        var error = Assert.Throws<SourcesFileException>(() => SourcesFile.Parse("""
            { "sources": [
              { "id": "a", "kind": "rss", "url": "ftp://x/feed" },
              { "id": "b", "kind": "podcast", "url": "https://x/" },
              { "id": "c", "kind": "page", "url": "https://x/", "schedule": "every hour" },
              { "id": "d", "kind": "file" },
              { "id": "e", "kind": "page", "url": "https://x/", "allowPrivateAddresses": ["localhost"], "hostDelaySeconds": -1 },
              { "id": "f", "kind": "page", "url": "https://x/" },
              { "id": "F", "kind": "page", "url": "https://x/" }
            ] }
            """, "sources.json"));

        Assert.Equal(7, error.Errors.Count);
        Assert.Contains("sources.json", error.Message);
        Assert.Contains(error.Errors, e => e.StartsWith("sources[0] ('a')") && e.Contains("\"url\""));
        Assert.Contains(error.Errors, e => e.StartsWith("sources[1] ('b')") && e.Contains("podcast"));
        Assert.Contains(error.Errors, e => e.StartsWith("sources[2] ('c')") && e.Contains("cron"));
        Assert.Contains(error.Errors, e => e.StartsWith("sources[3] ('d')") && e.Contains("path"));
        Assert.Contains(error.Errors, e => e.StartsWith("sources[4] ('e')") && e.Contains("localhost"));
        Assert.Contains(error.Errors, e => e.StartsWith("sources[4] ('e')") && e.Contains("hostDelaySeconds"));
        Assert.Contains(error.Errors, e => e.StartsWith("sources[6]") && e.Contains("earlier source"));
    }

    [Theory]
    [InlineData("not json", "invalid JSON")]
    [InlineData("[]", "\"sources\" array")]
    public void Rejects_a_file_that_is_not_a_sources_object(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<SourcesFileException>(() => SourcesFile.Parse(json)).Message);

    [Fact]
    public void The_shipped_sources_file_is_valid()
    {
        var path = Path.Combine(RepositoryRoot(), "sources.json");
        var sources = SourcesFile.Load(path);

        Assert.NotEmpty(sources);
        Assert.Contains(sources, s => s.Language == "fr");
        Assert.Contains(sources, s => s.Language == "en");
        Assert.All(sources, s => Assert.True(s.AllowPrivateAddresses.IsEmpty));
        Assert.All(sources.Where(s => !s.Enabled), s => Assert.False(string.IsNullOrWhiteSpace(s.Note)));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Intelligence.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
