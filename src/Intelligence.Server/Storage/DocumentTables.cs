using Marten;

namespace Intelligence.Server.Storage;

public static class DocumentTables
{
    /// <summary>
    /// The qualified table of a document type, for SQL written by hand. Creates the table first when it does not
    /// exist yet, as Marten's own LINQ and Load do (raw SQL does not); Marten remembers the check.
    /// </summary>
    public static Task<string> Of<T>(IDocumentStore store, CancellationToken ct) => Of(store, typeof(T), ct);

    public static async Task<string> Of(IDocumentStore store, Type documentType, CancellationToken ct)
    {
        await store.Storage.Database.EnsureStorageExistsAsync(documentType, ct);
        return store.Options.FindOrResolveDocumentType(documentType).TableName.QualifiedName;
    }
}
