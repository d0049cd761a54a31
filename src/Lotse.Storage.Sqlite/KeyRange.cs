namespace Lotse.Storage.Sqlite;

/// <summary>
/// The SQL bounds of "keys starting with a prefix": <c>name &gt;= Start AND name &lt; End</c>.
/// SQLite compares TEXT as UTF-8 bytes, which orders like .NET ordinal comparison for keys without
/// surrogate pairs (Kubernetes keys are ASCII). When there is no upper bound, End is an empty BLOB: SQLite
/// sorts every TEXT value below every BLOB, so one prepared statement serves both cases.
/// </summary>
internal static class KeyRange
{
    private static readonly byte[] Unbounded = [];

    /// <summary>The exclusive upper bound for <paramref name="prefix"/>: the prefix with its last char incremented.</summary>
    public static object End(string prefix)
    {
        var length = prefix.Length;
        while (length > 0 && prefix[length - 1] == char.MaxValue)
        {
            length--;
        }

        if (length == 0)
        {
            return Unbounded;
        }

        return string.Create(length, prefix, static (span, p) =>
        {
            p.AsSpan(0, span.Length).CopyTo(span);
            span[^1]++;
        });
    }

    /// <summary>Where a listing starts: the later of the prefix and the continuation key.</summary>
    public static string Start(string prefix, string? startKey) =>
        startKey is not null && string.CompareOrdinal(startKey, prefix) > 0 ? startKey : prefix;
}
