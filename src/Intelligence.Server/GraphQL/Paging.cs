using GraphQL;
using GraphQL.Builders;
using GraphQL.Types.Relay.DataObjects;

namespace Intelligence.Server.GraphQL;

/// <summary>Relay paging over a stable, increasing position (event sequence). `first`/`last` are required and capped.</summary>
public static class Paging
{
    public const int MaxPageSize = 100;

    public sealed record Page(int Size, long? After, long? Before, bool Backward);

    public static Page Read(IResolveConnectionContext context)
    {
        var size = context.First ?? context.Last
            ?? throw new ExecutionError("Pass `first` or `last` (at most 100).") { Code = "PAGE_SIZE_REQUIRED" };
        if (size < 0 || size > MaxPageSize)
            throw new ExecutionError($"`first`/`last` must be between 0 and {MaxPageSize}.") { Code = "PAGE_SIZE_OUT_OF_RANGE" };
        return new Page(size, GlobalId.ReadCursor(context.After), GlobalId.ReadCursor(context.Before), context.Last is not null && context.First is null);
    }

    /// <summary>Builds the connection from rows fetched as size+1 (the extra row tells whether another page exists).</summary>
    public static Connection<T> ToConnection<T>(IReadOnlyList<T> rows, Page page, Func<T, long> position, long totalCount)
    {
        var hasMore = rows.Count > page.Size;
        var items = rows.Take(page.Size).ToList();
        if (page.Backward) items.Reverse();
        var edges = items.Select(item => new Edge<T> { Node = item, Cursor = GlobalId.Cursor(position(item)) }).ToList();
        return new Connection<T>
        {
            Edges = edges,
            TotalCount = (int)Math.Min(totalCount, int.MaxValue),
            PageInfo = new PageInfo
            {
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
                HasNextPage = !page.Backward && hasMore,
                HasPreviousPage = page.Backward ? hasMore : page.After is not null,
            },
        };
    }
}
