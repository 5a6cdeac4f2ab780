using System.Collections.Concurrent;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Intelligence.Ingestion.Fetching;

/// <summary>
/// One resilience pipeline per host (authority): retries with jittered exponential backoff on 5xx, 408, 429
/// and timeouts, honouring Retry-After; a circuit breaker per host; a per-attempt timeout up to the headers.
/// </summary>
internal sealed class ResiliencePipelines(FetcherOptions options)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _byHost = new(StringComparer.OrdinalIgnoreCase);

    public ResiliencePipeline<HttpResponseMessage> For(HttpRequestMessage request) =>
        _byHost.GetOrAdd(request.RequestUri?.Authority ?? "", _ => Build());

    private ResiliencePipeline<HttpResponseMessage> Build()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            });
        }
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = Math.Max(2, options.BreakerMinimumThroughput),
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, forBreaker: true)),
        });
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.HeadersTimeout });
        return builder.Build();
    }

    private bool IsTransient(Outcome<HttpResponseMessage> outcome, bool forBreaker = false) => outcome switch
    {
        { Exception: HttpRequestException e } => !IsRefusal(e),
        { Exception: TimeoutRejectedException } => true,
        { Result: { } response } => IsTransientStatus(response, forBreaker),
        _ => false,
    };

    private bool IsTransientStatus(HttpResponseMessage response, bool forBreaker)
    {
        var status = (int)response.StatusCode;
        if (status is not (>= 500 or 408 or 429)) return false;
        if (status == 501) return false;
        if (forBreaker) return status >= 500;
        // A server asking us to come back much later gets its wish: no retry now, the failure is reported.
        return RetryAfter.Of(response, DateTimeOffset.UtcNow) is not { } wait || wait <= options.MaxRetryAfter;
    }

    internal static bool IsRefusal(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
            if (current is FetchRefusedException) return true;
        return false;
    }
}

internal static class RetryAfter
{
    public static TimeSpan? Of(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
