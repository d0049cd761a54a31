namespace Lotse.Storage;

/// <summary>Single-operation conveniences over <see cref="IStore.CommitAsync"/>.</summary>
public static class StoreExtensions
{
    public static ValueTask<CommitResult> CreateAsync(this IStore store, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        store.CommitAsync([StoreOperation.Create(key, value)], cancellationToken);

    public static ValueTask<CommitResult> UpdateAsync(this IStore store, string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken = default) =>
        store.CommitAsync([StoreOperation.Update(key, value, expectedModRevision)], cancellationToken);

    public static ValueTask<CommitResult> DeleteAsync(this IStore store, string key, long expectedModRevision = 0, CancellationToken cancellationToken = default) =>
        store.CommitAsync([StoreOperation.Delete(key, expectedModRevision)], cancellationToken);

    /// <summary>The exclusive upper bound of the key range that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix)
    {
        if (prefix.Length == 0)
        {
            return "\uffff";
        }

        var chars = prefix.ToCharArray();
        chars[^1] = (char)(chars[^1] + 1);
        return new string(chars);
    }
}
