using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine.Runtime.Handlers;

namespace Intelligence.Server.Hosting;

/// <summary>
/// Wolverine compiles a handler's generated code on the first message of its type, on each node. A node that takes over
/// a dead node's work would otherwise pay for the compilation of handlers it had never run (a second or more each on a
/// loaded machine) before handling the first taken-over message. This compiles every handler in the background as the
/// node starts, one after the other: the node answers requests at once and is warm within seconds.
/// </summary>
public sealed class HandlerWarmUp(HandlerGraph handlers, ILogger<HandlerWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Registered after Wolverine: its runtime has built the handler graph by the time this starts. Let the rest of
        // the start-up go first.
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        var compiled = 0;
        foreach (var chain in handlers.Chains.OrderBy(chain => chain.MessageType.FullName, StringComparer.Ordinal))
        {
            if (stoppingToken.IsCancellationRequested) return;
            try
            {
                // Compiles the chain's code once (a chain already compiled by a message is returned as it is).
                await Task.Run(() => handlers.HandlerFor(chain.MessageType), stoppingToken);
                compiled++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The first message of this type compiles it again and reports any real fault where it is handled.
                log.LogWarning(e, "Handler code for {MessageType} not prepared ahead", chain.MessageType.Name);
            }
        }
        log.LogInformation("Handler code ready for {Count} message types in {Seconds:0.0} s", compiled, clock.Elapsed.TotalSeconds);
    }
}
