namespace Lotse.Storage;

/// <summary>Options of a range read.</summary>
/// <param name="Revision">Read as of this revision; 0 reads the latest.</param>
/// <param name="StartKey">Inclusive key to start at (for continuation); null starts at the prefix.</param>
/// <param name="Limit">At most this many items; 0 means no limit.</param>
public readonly record struct ListOptions(long Revision = 0, string? StartKey = null, int Limit = 0);

/// <summary>The result of a range read.</summary>
/// <param name="Items">Live keys in key order.</param>
/// <param name="Revision">The revision the read was served at.</param>
/// <param name="HasMore">True when the limit cut the list; continue at the key after the last item.</param>
public sealed record ListResult(IReadOnlyList<KeyValue> Items, long Revision, bool HasMore);
