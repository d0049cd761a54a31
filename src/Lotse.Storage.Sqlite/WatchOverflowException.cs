namespace Lotse.Storage.Sqlite;

/// <summary>
/// Ends a watch whose consumer fell more than <see cref="SqliteStoreOptions.WatchBufferSize"/> events behind.
/// Writers never wait for watchers; the consumer re-watches from the last revision it processed.
/// </summary>
public sealed class WatchOverflowException(string prefix, int bufferSize)
    : Exception($"watch on '{prefix}' fell more than {bufferSize} events behind and was closed; re-watch from the last revision seen")
{
    public string Prefix { get; } = prefix;
}
