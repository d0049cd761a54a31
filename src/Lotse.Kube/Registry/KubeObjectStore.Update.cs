using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.ManagedFields;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.Registry;

public sealed partial class KubeObjectStore
{
    /// <summary>
    /// GuaranteedUpdate: reads the current object, lets <paramref name="tryUpdate"/> produce the new one (a PUT body, or
    /// a patch applied to a copy of the current object), enforces a resourceVersion the new object carries, validates
    /// and commits with compare-and-swap; a lost race without a client precondition simply re-runs on fresh state.
    /// A write that changes nothing is not stored and keeps the old resourceVersion.
    /// </summary>
    /// <param name="user">The requesting user (RBAC escalation checks); null for Lotse's own, privileged writes.</param>
    /// <param name="fieldManager">Records the request's manager in managedFields; null when the caller did (apply) or for Lotse's own writes.</param>
    public async ValueTask<JsonObject> UpdateAsync(KubeScope scope, string name, Func<JsonObject, JsonObject> tryUpdate, bool dryRun, CancellationToken cancellationToken, KubeUser? user = null, FieldManager? fieldManager = null)
    {
        var resource = scope.Resource;
        var strategy = resource.Strategy;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var kv = await GetRawAsync(scope, name, cancellationToken);
            var current = ObjectBytes.Parse(kv.Value, kv.ModRevision);
            var updated = tryUpdate(resource.ToServedVersion((JsonObject)current.DeepClone()));
            var meta = updated.Metadata();

            var requestedRv = meta.GetString("resourceVersion");
            if (!string.IsNullOrEmpty(requestedRv) && requestedRv != Rv(kv.ModRevision))
            {
                throw KubeStatus.Conflict(resource.GroupResource, name, KubeStatus.ObjectModifiedMessage).ToException();
            }

            if (updated.Name() != name)
            {
                throw KubeStatus.BadRequest($"the name of the object ({updated.Name()}) does not match the name on the URL ({name})").ToException();
            }

            if (resource.Namespaced)
            {
                var bodyNamespace = meta.GetString("namespace");
                if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != scope.Namespace)
                {
                    throw KubeStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request").ToException();
                }

                meta["namespace"] = scope.Namespace;
            }
            else
            {
                meta.Remove("namespace");
            }

            // rest.BeforeUpdate: identity and timestamps come from the stored object.
            var oldMeta = current.Metadata();
            if (string.IsNullOrEmpty(meta.GetString("uid")))
            {
                meta["uid"] = oldMeta["uid"]?.DeepClone();
            }

            foreach (var field in new[] { "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
            {
                meta.Remove(field);
                if (oldMeta[field] is { } value)
                {
                    meta[field] = value.DeepClone();
                }
            }

            strategy.PrepareForUpdate(updated, current);
            fieldManager?.TrackUpdate(current, updated, time.GetUtcNow());
            var errors = new List<FieldError>();
            ObjectMetaValidator.ValidateUpdate(updated, current, errors);
            strategy.ValidateUpdate(updated, current, errors);
            ThrowIfInvalid(scope, updated, errors);

            updated = updated.Canonicalize();
            // Compared in stored form: a kind kept in another kind's storage (events.k8s.io) converts before it is written.
            if (StoredBytes(scope, updated).AsSpan().SequenceEqual(kv.Value.Span))
            {
                return current;
            }

            var context = WriteContext(scope, dryRun, user, cancellationToken);
            var operations = new List<StoreOperation>();
            var finalized = oldMeta["deletionTimestamp"] is not null && updated.Metadata().GetArray("finalizers") is not { Count: > 0 };
            if (finalized)
            {
                // The last finalizer is gone from an object being deleted: the update completes the delete.
                operations.Add(StoreOperation.Delete(kv.Key, kv.ModRevision));
                await strategy.OnDeleteAsync(context, current, operations);
            }
            else
            {
                // The hook may still change the object (an aggregated ClusterRole's rules), so it is serialised after it.
                operations.Add(default);
                await strategy.OnUpdateAsync(context, updated, current, operations);
                operations[0] = StoreOperation.Update(kv.Key, StoredBytes(scope, updated), kv.ModRevision);
            }

            if (dryRun)
            {
                updated.Metadata()["resourceVersion"] = Rv(kv.ModRevision);
                return updated;
            }

            var result = await store.CommitAsync(operations, cancellationToken);
            if (result.Succeeded)
            {
                strategy.OnCommitted(context, operations, result.Revision);
                updated.Metadata()["resourceVersion"] = Rv(result.Revision);
                return updated;
            }

            if (result.FailedIndex == 0 && !string.IsNullOrEmpty(requestedRv))
            {
                throw KubeStatus.Conflict(resource.GroupResource, name, KubeStatus.ObjectModifiedMessage).ToException();
            }
        }

        throw KubeStatus.Conflict(resource.GroupResource, name, KubeStatus.ObjectModifiedMessage).ToException();
    }
}
