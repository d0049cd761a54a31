using System.Text.Json.Nodes;
using Lotse.Kube.Registry;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.Watch;

/// <summary>A watch event ready to send: its type, the object bytes as stored, and the revision to stamp on them.</summary>
public readonly record struct KubeWatchEvent(string Type, ReadOnlyMemory<byte> Stored, long Revision, JsonObject? Parsed);

/// <summary>
/// Turns store changes into Kubernetes watch events through a selector, as the watch cache does
/// (<c>cacher/cache_watcher.go convertToWatchEvent</c>): an object that starts matching is ADDED, one that stops
/// matching is DELETED (previous content, the event's resourceVersion).
/// </summary>
public static class WatchEventTranslator
{
    public static KubeWatchEvent? Translate(WatchEvent change, ObjectFilter filter)
    {
        if (change.Type == WatchEventType.Delete)
        {
            if (filter.IsEverything)
            {
                return new("DELETED", change.Kv.Value, change.Kv.ModRevision, null);
            }

            var gone = ObjectBytes.Parse(change.Kv.Value, change.Kv.ModRevision);
            return filter.Matches(gone) ? new("DELETED", change.Kv.Value, change.Kv.ModRevision, gone) : null;
        }

        if (filter.IsEverything)
        {
            return new(change.PrevKv is null ? "ADDED" : "MODIFIED", change.Kv.Value, change.Kv.ModRevision, null);
        }

        var current = ObjectBytes.Parse(change.Kv.Value, change.Kv.ModRevision);
        var currentMatches = filter.Matches(current);
        var previousMatches = change.PrevKv is { } prev && filter.Matches(ObjectBytes.Parse(prev.Value, prev.ModRevision));
        return (currentMatches, previousMatches) switch
        {
            (true, true) => new("MODIFIED", change.Kv.Value, change.Kv.ModRevision, current),
            (true, false) => new("ADDED", change.Kv.Value, change.Kv.ModRevision, current),
            (false, true) => new("DELETED", change.PrevKv!.Value, change.Kv.ModRevision, null),
            _ => null,
        };
    }
}
