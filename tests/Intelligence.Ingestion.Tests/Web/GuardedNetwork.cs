using System.Collections.Concurrent;
using System.Net;
using Intelligence.Ingestion.Fetching;
using Intelligence.Ingestion.Safety;

namespace Intelligence.Ingestion.Tests.Web;

/// <summary>
/// Network access for tests: fixture host names resolve locally, and opening a socket to anything but loopback
/// is recorded and refused before any socket exists, so a guard bug fails the test instead of touching a network.
/// </summary>
public sealed class GuardedNetwork
{
    public ConcurrentQueue<IPEndPoint> ForbiddenAttempts { get; } = new();

    public ConcurrentQueue<IPEndPoint> Opened { get; } = new();

    public NetworkAccess Access => new(Resolve, Open);

    private static ValueTask<IPAddress[]> Resolve(string host, CancellationToken ct) => host switch
    {
        "site.fixture" => ValueTask.FromResult(new[] { IPAddress.Loopback }),
        // A host that rebinds to a private address after a first, public answer elsewhere.
        "rebind.fixture" => ValueTask.FromResult(new[] { IPAddress.Parse("10.0.0.1") }),
        "metadata.fixture" => ValueTask.FromResult(new[] { IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254") }),
        _ => throw new InvalidOperationException($"Test tried to resolve {host}: tests never use real DNS."),
    };

    private ValueTask<Stream> Open(IPEndPoint endPoint, CancellationToken ct)
    {
        if (!IPAddress.IsLoopback(endPoint.Address))
        {
            ForbiddenAttempts.Enqueue(endPoint);
            throw new InvalidOperationException($"TEST FAILURE: a socket to non-loopback {endPoint} was about to be opened.");
        }
        Opened.Enqueue(endPoint);
        return NetworkAccess.Default.Open(endPoint, ct);
    }

    public static FetcherOptions FastOptions => new()
    {
        // Generous enough for a loaded CI machine; tests that need a timeout to fire set their own.
        ConnectTimeout = TimeSpan.FromSeconds(5),
        HeadersTimeout = TimeSpan.FromSeconds(5),
        BodyTimeout = TimeSpan.FromSeconds(5),
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        DefaultHostDelay = TimeSpan.Zero,
        MaxResponseBytes = 1024 * 1024,
        MaxDecompressedBytes = 2 * 1024 * 1024,
        MaxRetryAfter = TimeSpan.FromSeconds(5),
    };
}
