namespace Lotse.Storage;

public enum WatchEventType
{
    Put,
    Delete,
}

/// <summary>One change delivered by <see cref="IStore.Watch"/>, strictly in revision order.</summary>
/// <param name="Type">Put (create or update) or Delete.</param>
/// <param name="Kv">For Put, the new version; for Delete, the deleted key with its last value and ModRevision = the delete's revision.</param>
/// <param name="PrevKv">The version before this change (null for a create).</param>
public sealed record WatchEvent(WatchEventType Type, KeyValue Kv, KeyValue? PrevKv)
{
    public bool IsCreate => Type == WatchEventType.Put && PrevKv is null;
}
