using Marten.Schema;
using Weasel.Postgresql.Tables;

namespace Intelligence.Server.Storage;

public static class GinIndexes
{
    /// <summary>
    /// A GIN index without the pending list (fastupdate off). With it, inserts are queued in an unsorted list that
    /// every search reads in full until VACUUM merges it: the near-duplicate lookup, which runs for every page crawled,
    /// spent most of its 0.6 ms there. The few entries each row adds cost less to insert directly.
    /// </summary>
    public static void SearchedOnEveryWrite(DocumentIndex index)
    {
        index.Method = IndexMethod.gin;
        index.StorageParameters["fastupdate"] = "off";
    }
}
