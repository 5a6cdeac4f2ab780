using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Pipeline;
using Intelligence.Extraction.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Intelligence.Extraction.Gpu;

/// <summary>The facts the GPU expert added, and what happened on the way.</summary>
public sealed record GpuResult(IReadOnlyList<Fact> Facts, GpuRouting Stats);

/// <summary>
/// Asks an OpenAI-compatible chat endpoint for facts as JSON conforming to schemas/facts.schema.json, a chunk of
/// numbered sentences per request, at most MaxConcurrency requests at once. Anything that goes wrong — HTTP errors,
/// 429, timeouts, invalid JSON, schema violations — is logged and counted, and the article keeps its CPU facts.
/// </summary>
public sealed class GpuExpert
{
    public const string ExpertName = "gpu";

    private readonly GpuExpertOptions _options;
    private readonly ILogger _logger;
    private readonly IChatClient _client;
    private readonly SemaphoreSlim _concurrency;

    public GpuExpert(GpuExpertOptions options, ILogger logger, IChatClient? client = null)
    {
        _options = options;
        _logger = logger;
        _concurrency = new SemaphoreSlim(Math.Max(1, options.MaxConcurrency));
        _client = client ?? CreateClient(options);
    }

    private static IChatClient CreateClient(GpuExpertOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint ?? throw new ArgumentException("The GPU expert needs an endpoint."),
            // The caller falls back to the CPU facts; retrying a 429 or 500 here would only delay the article.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Timeout,
        };
        if (options.Handler is { } handler)
            clientOptions.Transport = new System.ClientModel.Primitives.HttpClientPipelineTransport(new HttpClient(handler, disposeHandler: false));
        var chat = new ChatClient(options.Model, new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey), clientOptions);
        return chat.AsIChatClient();
    }

    public async Task<GpuResult> ExtractAsync(IReadOnlyList<SentenceView> sentences, ArticleContext article, CancellationToken ct)
    {
        var chunks = sentences.Where(s => !s.IsVirtual || true).Chunk(Math.Max(1, _options.SentencesPerRequest)).ToList();
        var outcomes = await Task.WhenAll(chunks.Select(chunk => RunChunkAsync(chunk, article, ct))).ConfigureAwait(false);
        var facts = outcomes.SelectMany(o => o.Facts).ToList();
        var errors = outcomes.Where(o => o.Error is not null).Select(o => o.Error!).ToList();
        var stats = new GpuRouting(_options.Mode == GpuMode.All ? "all" : "low-confidence", sentences.Count, chunks.Count, facts.Count, errors.Count, errors);
        return new GpuResult(facts, stats);
    }

    private sealed record ChunkOutcome(IReadOnlyList<Fact> Facts, string? Error);

    private async Task<ChunkOutcome> RunChunkAsync(SentenceView[] chunk, ArticleContext article, CancellationToken ct)
    {
        await _concurrency.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.Timeout);
            var messages = new List<ChatMessage>
            {
                new(ChatRole.System, Prompt.System),
                new(ChatRole.User, Prompt.User(chunk, article.Language)),
            };
            var chatOptions = new ChatOptions
            {
                Temperature = 0, MaxOutputTokens = _options.MaxOutputTokens, ResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat.Json,
            };
            var response = await _client.GetResponseAsync(messages, chatOptions, timeout.Token).ConfigureAwait(false);
            return Parse(response.Text, chunk, article);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Fail($"timeout after {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (ClientResultException e)
        {
            return Fail(e.Status == 429 ? "rate limited (429)" : $"HTTP {e.Status}: {Truncate(e.Message)}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or InvalidOperationException or NotSupportedException)
        {
            return Fail($"{e.GetType().Name}: {Truncate(e.Message)}");
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private ChunkOutcome Parse(string? text, SentenceView[] chunk, ArticleContext article)
    {
        var json = ExtractJson(text);
        if (json is null) return Fail("no JSON object in the response");
        IReadOnlyList<string> errors;
        try
        {
            errors = FactSchema.Validate(json);
        }
        catch (Exception e) when (e is JsonException or Newtonsoft.Json.JsonException or InvalidOperationException)
        {
            return Fail($"invalid JSON: {Truncate(e.Message)}");
        }
        if (errors.Count > 0) return Fail($"schema violation: {string.Join("; ", errors.Take(5))}");

        FactsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<FactsDocument>(json, FactJson.Options);
        }
        catch (JsonException e)
        {
            return Fail($"invalid JSON: {Truncate(e.Message)}");
        }
        var byIndex = chunk.GroupBy(s => s.Sentence.Index).ToDictionary(g => g.Key, g => g.First());
        var facts = new List<Fact>();
        foreach (var fact in document?.Facts ?? [])
        {
            // Evidence comes from our own sentence table, never from the model's quote.
            var sentence = fact.Evidence is { } e && byIndex.TryGetValue(e.Sentence, out var s) ? s : chunk[0];
            facts.Add(fact with
            {
                Expert = ExpertName,
                Confidence = fact.Confidence is > 0 and <= 1 ? Math.Min(fact.Confidence, 0.85) : 0.7,
                Evidence = sentence.Evidence(article.OriginalText),
                ExtractorVersion = null,
            });
        }
        return new ChunkOutcome(facts, null);
    }

    private sealed record FactsDocument(List<Fact>? Facts);

    /// <summary>The outermost JSON object of a reply (models sometimes wrap it in prose or a code fence).</summary>
    internal static string? ExtractJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        return start < 0 || end <= start ? null : text[start..(end + 1)];
    }

    private ChunkOutcome Fail(string error)
    {
        _logger.LogWarning("GPU expert failed, keeping the CPU facts: {Error}", error);
        return new ChunkOutcome([], error);
    }

    private static string Truncate(string s) => s.Length <= 200 ? s : s[..200] + "…";

    private static class Prompt
    {
        public const string System =
            "You extract business facts from news sentences (English or French). Reply with one JSON object " +
            "{\"facts\": [...]} and nothing else. Fact types and fields: " +
            "stake {holder, target, percent}; investment {investor (null for a funding round with no single investor), target, amountUsd}; " +
            "loss {company, amountUsd, period, kind: projected|reported}; revenue {company, amountUsd, period}; capex {company, amountUsd, period}; " +
            "dispute {parties: [plaintiff, defendant], subject}; partnership {parties, change: formed|expanded|restructured|ended, until}; " +
            "launch {company, product, kind: model|chip|product}; personnel {person, company, change: left|joined|appointed|fired}. " +
            "Every fact has evidence {sentence: <the sentence number>}. Amounts are plain numbers (13 milliards de dollars = 13000000000); " +
            "USD in amountUsd, other currencies in amount + currency (ISO code), never converted. A range gives amountUsd = upper bound, amountUsdLow = lower. " +
            "Periods: \"2026\", \"FY2026\", \"Q3 2025\", \"quarter\", \"annualized\", \"cumulative to 2029\". Use canonical company names " +
            "(\"le géant de Redmond\" = Microsoft, \"le Pentagone\" = US Department of Defense). Not facts: hedged or hypothetical statements " +
            "(could invest, is considering), valuations, analyst estimates, damages claimed, purchase commitments, total expenses. " +
            "Disputes are pairwise: one fact per plaintiff-defendant pair. Return {\"facts\": []} when there is none.";

        public static string User(IEnumerable<SentenceView> sentences, string language)
        {
            var sb = new StringBuilder($"Language: {language}. Sentences:\n");
            foreach (var s in sentences) sb.Append('[').Append(s.Sentence.Index).Append("] ").Append(s.Text).Append('\n');
            return sb.ToString();
        }
    }
}
