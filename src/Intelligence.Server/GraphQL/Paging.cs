using System.Globalization;
using System.Linq.Expressions;
using Marten;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types.Relay.DataObjects;

namespace Intelligence.Server.GraphQL;

/// <summary>
/// Relay paging over a stable position (an event sequence or a key), never an offset: inserting rows never shifts a page.
/// `first`/`last` are required and capped at 100.
/// </summary>
public static class Paging
{
    public const int MaxPageSize = 100;

    public sealed record Page(int Size, string? After, string? Before, bool Backward)
    {
        public long? AfterSequence => Sequence(After);
        public long? BeforeSequence => Sequence(Before);

        private static long? Sequence(string? position) =>
            position is null ? null
            : long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
            : throw new ExecutionError($"Cursor does not belong to this list.") { Code = "BAD_CURSOR" };
    }

    public static Page Read(IResolveConnectionContext context)
    {
        // The raw arguments: GraphQL.NET's context.First/Last answer the absolute value, so `first: -5` would read as 5.
        var size = context.GetArgument<int?>("first") ?? context.GetArgument<int?>("last")
            ?? throw new ExecutionError("Pass `first` or `last` (at most 100).") { Code = "PAGE_SIZE_REQUIRED" };
        if (size < 0 || size > MaxPageSize)
            throw new ExecutionError($"`first`/`last` must be between 0 and {MaxPageSize}.") { Code = "PAGE_SIZE_OUT_OF_RANGE" };
        return new Page(size, ReadCursor(context.After), ReadCursor(context.Before), context.Last is not null && context.First is null);
    }

    public static string Cursor(string position) => GlobalId.Encode("cursor", position);

    private static string? ReadCursor(string? cursor)
    {
        if (cursor is null) return null;
        if (GlobalId.Decode(cursor) is ("cursor", var position)) return position;
        throw new ExecutionError($"Invalid cursor '{cursor}'.") { Code = "BAD_CURSOR" };
    }

    /// <summary>Builds the connection from rows fetched as size+1 (the extra row tells whether another page exists).</summary>
    public static PagedConnection<T> ToConnection<T>(IReadOnlyList<T> rows, Page page, Func<T, string> position, long totalCount)
    {
        var hasMore = rows.Count > page.Size;
        var items = rows.Take(page.Size).ToList();
        if (page.Backward) items.Reverse();
        var edges = items.Select(item => new Edge<T> { Node = item, Cursor = Cursor(position(item)) }).ToList();
        return new PagedConnection<T>
        {
            Edges = edges,
            TotalCount = (int)Math.Min(totalCount, int.MaxValue),
            PageInfo = new PageInfo
            {
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
                HasNextPage = page.Backward ? page.Before is not null : hasMore,
                HasPreviousPage = page.Backward ? hasMore : page.After is not null,
            },
        };
    }

    /// <summary>
    /// One page of a list already in memory and sorted by <paramref name="position"/> (ordinal order of the
    /// position strings must match the list order): keyset on the position, never an index.
    /// </summary>
    public static PagedConnection<T> InMemory<T>(IReadOnlyList<T> sorted, Page page, Func<T, string> position)
    {
        IEnumerable<T> window = sorted;
        if (page.After is { } after) window = window.Where(x => string.CompareOrdinal(position(x), after) > 0);
        if (page.Before is { } before) window = window.Where(x => string.CompareOrdinal(position(x), before) < 0);
        var rows = (page.Backward ? window.Reverse() : window).Take(page.Size + 1).ToList();
        return ToConnection(rows, page, position, sorted.Count);
    }

    public static string Position(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// One page of a Marten query ordered by a sequence-valued position: the total, the keyset window (after/before),
    /// the direction, and size+1 rows to tell whether more exist.
    /// </summary>
    public static async Task<PagedConnection<T>> BySequence<T>(IQueryable<T> filtered, Page page, Expression<Func<T, long>> position, CancellationToken ct)
        where T : notnull
    {
        var total = await filtered.CountAsync(ct);
        if (page.AfterSequence is { } after) filtered = filtered.Where(Compare(position, Expression.GreaterThan, after));
        if (page.BeforeSequence is { } before) filtered = filtered.Where(Compare(position, Expression.LessThan, before));
        var ordered = page.Backward ? filtered.OrderByDescending(position) : filtered.OrderBy(position);
        var rows = await ordered.Take(page.Size + 1).ToListAsync(ct);
        var read = Compiled(position);
        return ToConnection(rows, page, row => Position(read(row)), total);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Type, string), Delegate> CompiledPositions = new();

    /// <summary>A position expression compiled once per document type and member path (compiling is JIT work: not per request).</summary>
    private static Func<T, long> Compiled<T>(Expression<Func<T, long>> position) =>
        (Func<T, long>)CompiledPositions.GetOrAdd((typeof(T), position.Body.ToString()), _ => position.Compile());

    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, long>> position, Func<Expression, Expression, BinaryExpression> compare, long value) =>
        Expression.Lambda<Func<T, bool>>(compare(position.Body, Expression.Constant(value)), position.Parameters);
}
