using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Auth;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.Registry;

/// <summary>
/// The ONE generic store (upstream <c>registry/generic/registry/store.go</c>): get, list, create, guaranteed update,
/// delete for every kind over <see cref="IStore"/>, with per-kind behaviour from <see cref="KubeStrategy"/>.
/// Split by verb into partial files. Objects never reach the store half-prepared: everything is validated first and
/// each write (with its allocations) is one atomic commit.
/// </summary>
public sealed partial class KubeObjectStore(IStore store, TimeProvider time)
{
    /// <summary>
    /// The request authorizer strategies ask for RBAC's <c>escalate</c> and <c>bind</c> verbs (kube-apiserver asks its
    /// whole authorizer chain there); when null, RBAC alone answers.
    /// </summary>
    public IKubeAuthorizer? Authorizer { get; init; }

    /// <summary>Bounded retries of a compare-and-swap loop; each retry means another writer won a race.</summary>
    private const int MaxAttempts = 16;

    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public IStore Store => store;

    public TimeProvider Time => time;

    public async ValueTask<KeyValue> GetRawAsync(KubeScope scope, string name, CancellationToken cancellationToken)
    {
        var kv = await store.GetAsync(scope.Key(name), 0, cancellationToken)
            ?? throw KubeStatus.NotFound(scope.Resource.GroupResource, name).ToException();
        return scope.Resource.SharedStorage is { } conversion ? conversion.Present(kv) : kv;
    }

    /// <summary>The bytes to store for an object of the scope's resource (converted when it shares another's storage).</summary>
    private static byte[] StoredBytes(KubeScope scope, JsonObject obj) =>
        scope.Resource.SharedStorage is { } conversion ? conversion.StoredBytes(obj) : ObjectBytes.ToStored(obj);

    public async ValueTask<JsonObject> GetAsync(KubeScope scope, string name, CancellationToken cancellationToken)
    {
        var kv = await GetRawAsync(scope, name, cancellationToken);
        return ObjectBytes.Parse(kv.Value, kv.ModRevision);
    }

    /// <summary>NamespaceLifecycle admission: content may only be created in a namespace that exists and is not terminating.</summary>
    public async ValueTask EnsureNamespaceAcceptsAsync(KubeScope scope, string name, CancellationToken cancellationToken)
    {
        if (!scope.Resource.Namespaced)
        {
            return;
        }

        var ns = await store.GetAsync(scope.NamespaceKey, 0, cancellationToken)
            ?? throw KubeStatus.NotFound(new KubeGroupResource("", "namespaces"), scope.Namespace).ToException();
        var nsObj = ObjectBytes.Parse(ns.Value, ns.ModRevision);
        if (nsObj.GetObject("status").GetString("phase") == "Terminating")
        {
            throw KubeStatus.Forbidden(scope.Resource.GroupResource, name, $"unable to create new content in namespace {scope.Namespace} because it is being terminated").ToException();
        }
    }

    private KubeWriteContext WriteContext(KubeScope scope, bool dryRun, KubeUser? user, CancellationToken cancellationToken) =>
        new(scope.Cluster, store, time.GetUtcNow(), dryRun, cancellationToken) { User = user, Authorizer = Authorizer };

    private static string Rv(long revision) => revision.ToString(CultureInfo.InvariantCulture);

    private static void ThrowIfInvalid(KubeScope scope, JsonObject obj, List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw KubeStatus.Invalid(scope.Resource.Group, scope.Resource.Kind, obj.Name(), errors).ToException();
        }
    }

    private static string GenerateName(string prefix)
    {
        const int MaxPrefix = 63 - 5;
        if (prefix.Length > MaxPrefix)
        {
            prefix = prefix[..MaxPrefix];
        }

        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)];
        }

        return prefix + new string(suffix);
    }
}
