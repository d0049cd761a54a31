using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.ManagedFields;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.Registry;

public sealed partial class KubeObjectStore
{
    /// <summary>Creates <paramref name="obj"/> (already decoded and type-checked); returns it as stored, with its resourceVersion.</summary>
    /// <param name="user">The requesting user (RBAC escalation checks); null for Lotse's own, privileged writes.</param>
    /// <param name="fieldManager">Records the request's manager in managedFields; null when the caller did (apply) or for Lotse's own writes.</param>
    public async ValueTask<JsonObject> CreateAsync(KubeScope scope, JsonObject obj, bool dryRun, CancellationToken cancellationToken, KubeUser? user = null, FieldManager? fieldManager = null)
    {
        var resource = scope.Resource;
        var strategy = resource.Strategy;
        var meta = obj.Metadata();
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

        var generateName = meta.GetString("generateName");
        var generated = string.IsNullOrEmpty(meta.GetString("name")) && !string.IsNullOrEmpty(generateName);
        if (generated)
        {
            meta["name"] = GenerateName(generateName!);
        }

        await EnsureNamespaceAcceptsAsync(scope, obj.Name(), cancellationToken);

        // rest.BeforeCreate: system fields belong to the server.
        foreach (var field in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
        {
            meta.Remove(field);
        }

        var context = WriteContext(scope, dryRun, user, cancellationToken);
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = JsonObjectExtensions.FormatTime(context.Now);
        strategy.PrepareForCreate(obj);
        fieldManager?.TrackUpdate(null, obj, context.Now);

        var errors = new List<FieldError>();
        ObjectMetaValidator.ValidateCreate(resource, obj, errors);
        strategy.Validate(obj, errors);
        ThrowIfInvalid(scope, obj, errors);

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var candidate = ((JsonObject)obj.DeepClone()).Canonicalize();
            var operations = new List<StoreOperation> { default };
            await strategy.OnCreateAsync(context, candidate, operations);
            var key = scope.Key(candidate.Name());
            operations[0] = StoreOperation.Create(key, StoredBytes(scope, candidate));
            if (dryRun)
            {
                return candidate;
            }

            var result = await store.CommitAsync(operations, cancellationToken);
            if (result.Succeeded)
            {
                strategy.OnCommitted(context, operations, result.Revision);
                candidate.Metadata()["resourceVersion"] = Rv(result.Revision);
                return candidate;
            }

            if (result.FailedIndex == 0 && result.Status == CommitStatus.AlreadyExists)
            {
                // RetryGenerateName (GA in 1.32): a generated name that collided gets another try.
                if (generated && attempt < 7)
                {
                    obj.Metadata()["name"] = GenerateName(generateName!);
                    continue;
                }

                var existing = result.Current is { } current ? ObjectBytes.Parse(current.Value, current.ModRevision) : null;
                var status = KubeStatus.AlreadyExists(resource.GroupResource, candidate.Name());
                if (existing?.GetObject("metadata")?["deletionTimestamp"] is not null)
                {
                    status = status with { Message = "object is being deleted: " + status.Message };
                }

                throw status.ToException();
            }

            // An allocation raced with another writer; the strategy picks again from fresh state.
        }

        throw KubeStatus.Internal("too many conflicting allocations, please retry").ToException();
    }
}
