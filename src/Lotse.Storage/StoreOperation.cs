namespace Lotse.Storage;

/// <summary>The kind of a write inside a transaction.</summary>
public enum StoreOperationKind
{
    /// <summary>Create a key that must not exist.</summary>
    Create,

    /// <summary>Replace a key that exists; when <see cref="StoreOperation.ExpectedModRevision"/> is non-zero it must match (compare-and-swap).</summary>
    Update,

    /// <summary>Delete a key that exists; when <see cref="StoreOperation.ExpectedModRevision"/> is non-zero it must match.</summary>
    Delete,
}

/// <summary>One write. All writes of a <see cref="IStore.CommitAsync"/> call succeed together or not at all.</summary>
public readonly record struct StoreOperation(StoreOperationKind Kind, string Key, ReadOnlyMemory<byte> Value, long ExpectedModRevision)
{
    public static StoreOperation Create(string key, ReadOnlyMemory<byte> value) => new(StoreOperationKind.Create, key, value, 0);

    public static StoreOperation Update(string key, ReadOnlyMemory<byte> value, long expectedModRevision) =>
        new(StoreOperationKind.Update, key, value, expectedModRevision);

    public static StoreOperation Delete(string key, long expectedModRevision) =>
        new(StoreOperationKind.Delete, key, ReadOnlyMemory<byte>.Empty, expectedModRevision);
}
