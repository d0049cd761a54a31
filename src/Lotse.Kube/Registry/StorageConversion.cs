using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.Registry;

/// <summary>
/// Serves a kind from another resource's stored objects in its own shape, as kube-apiserver serves events.k8s.io/v1
/// Event and core/v1 Event from one storage: reads convert each stored object on the way out (so the byte-splicing
/// get, list and watch paths see the served shape), writes convert back before storing.
/// </summary>
public abstract class StorageConversion
{
    /// <summary>The storage segment of the resource whose objects are shared (e.g. <c>registry/core/events/</c>).</summary>
    public abstract string StorageSegment { get; }

    /// <summary>The served shape of a stored object (a fresh object; <paramref name="stored"/> may be reused).</summary>
    public abstract JsonObject FromStored(JsonObject stored);

    /// <summary>The stored shape of a served object (a fresh object; <paramref name="served"/> may be reused).</summary>
    public abstract JsonObject ToStored(JsonObject served);

    /// <summary>A stored key-value with its value in the served shape.</summary>
    public KeyValue Present(KeyValue kv) =>
        kv with { Value = ObjectBytes.ToStored(FromStored(ObjectBytes.Parse(kv.Value, kv.ModRevision)).Canonicalize()) };

    public WatchEvent Present(WatchEvent change) =>
        change with { Kv = Present(change.Kv), PrevKv = change.PrevKv is { } prev ? Present(prev) : null };

    /// <summary>The bytes to store for a served object, which keeps its served shape.</summary>
    public byte[] StoredBytes(JsonObject served) => ObjectBytes.ToStored(ToStored((JsonObject)served.DeepClone()).Canonicalize());
}
