using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.Registry;

public sealed partial class KubeObjectStore
{
    /// <summary>
    /// Deletes one object after checking preconditions. An object with finalizers is only marked (deletionTimestamp)
    /// and stays until an update removes the last finalizer. Returns the last state and whether it is gone now.
    /// </summary>
    public async ValueTask<(JsonObject Object, bool Deleted)> DeleteAsync(KubeScope scope, string name, DeletePreconditions preconditions, bool dryRun, CancellationToken cancellationToken)
    {
        var resource = scope.Resource;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var kv = await GetRawAsync(scope, name, cancellationToken);
            var current = ObjectBytes.Parse(kv.Value, kv.ModRevision);
            var meta = current.Metadata();
            if (!string.IsNullOrEmpty(preconditions.Uid) && preconditions.Uid != meta.GetString("uid"))
            {
                throw KubeStatus.Conflict(resource.GroupResource, name, $"Precondition failed: UID in precondition: {preconditions.Uid}, UID in object meta: {meta.GetString("uid")}").ToException();
            }

            if (!string.IsNullOrEmpty(preconditions.ResourceVersion) && preconditions.ResourceVersion != Rv(kv.ModRevision))
            {
                throw KubeStatus.Conflict(resource.GroupResource, name, $"Precondition failed: ResourceVersion in precondition: {preconditions.ResourceVersion}, ResourceVersion in object meta: {Rv(kv.ModRevision)}").ToException();
            }

            var context = WriteContext(scope, dryRun, null, cancellationToken);
            var operations = new List<StoreOperation>();
            if (meta.GetArray("finalizers") is { Count: > 0 })
            {
                if (meta["deletionTimestamp"] is not null)
                {
                    return (current, false);
                }

                meta["deletionTimestamp"] = JsonObjectExtensions.FormatTime(context.Now);
                meta["deletionGracePeriodSeconds"] = 0;
                var marked = current.Canonicalize();
                operations.Add(StoreOperation.Update(kv.Key, StoredBytes(scope, marked), kv.ModRevision));
                if (dryRun)
                {
                    marked.Metadata()["resourceVersion"] = Rv(kv.ModRevision);
                    return (marked, false);
                }

                var markResult = await store.CommitAsync(operations, cancellationToken);
                if (markResult.Succeeded)
                {
                    marked.Metadata()["resourceVersion"] = Rv(markResult.Revision);
                    return (marked, false);
                }

                continue;
            }

            operations.Add(StoreOperation.Delete(kv.Key, kv.ModRevision));
            await resource.Strategy.OnDeleteAsync(context, current, operations);
            if (dryRun)
            {
                return (current, true);
            }

            var result = await store.CommitAsync(operations, cancellationToken);
            if (result.Succeeded)
            {
                resource.Strategy.OnCommitted(context, operations, result.Revision);
                return (current, true);
            }

            if (result.FailedIndex == 0 && result.Status == CommitStatus.NotFound)
            {
                throw KubeStatus.NotFound(resource.GroupResource, name).ToException();
            }
        }

        throw KubeStatus.Conflict(resource.GroupResource, name, KubeStatus.ObjectModifiedMessage).ToException();
    }
}
