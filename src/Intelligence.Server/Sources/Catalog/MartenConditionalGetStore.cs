using Intelligence.Ingestion.Fetching;
using Marten;

namespace Intelligence.Server.Sources.Catalog;

/// <summary>ETag / Last-Modified per URL, kept in PostgreSQL so a restart still gets 304s.</summary>
public sealed class ConditionalGetRecord
{
    public string Id { get; set; } = "";
    public string? ETag { get; set; }
    public DateTimeOffset? LastModified { get; set; }
}

public sealed class MartenConditionalGetStore(IDocumentStore store) : IConditionalGetStore
{
    public async ValueTask<ConditionalGetState?> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var record = await session.LoadAsync<ConditionalGetRecord>(url.AbsoluteUri, cancellationToken);
        return record is null ? null : new ConditionalGetState(record.ETag, record.LastModified);
    }

    public async ValueTask SetAsync(Uri url, ConditionalGetState state, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Store(new ConditionalGetRecord { Id = url.AbsoluteUri, ETag = state.ETag, LastModified = state.LastModified });
        await session.SaveChangesAsync(cancellationToken);
    }
}
