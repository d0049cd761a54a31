using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.ManagedFields;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Handlers;

/// <summary>
/// Server-side apply: PATCH with <c>application/apply-patch+yaml</c> (YAML, so JSON too). The configuration is merged
/// into the live object by the kind's list semantics and its fields become the manager's; the object is created when it
/// does not exist (201). Conflicts with other managers are 409 unless <c>force=true</c>.
/// </summary>
public static class ApplyPatchHandler
{
    private const int MaxCreateRaces = 4;

    public static async Task HandleAsync(KubeRequestContext request)
    {
        var fieldManager = FieldManagerOptions.ForApply(request);
        var force = FieldManagerOptions.Force(request, apply: true);
        var dryRun = request.DryRun;
        var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted);
        var config = ReadConfig(request, body);
        var name = request.Info.Name;
        var scope = request.Scope;
        var keepsResourceVersion = !string.IsNullOrEmpty(config.MetaString("resourceVersion"));

        for (var attempt = 0; ; attempt++)
        {
            var exists = await request.Objects.Store.GetAsync(scope.Key(name), 0, request.Aborted) is not null;
            try
            {
                if (exists || request.Info.Subresource.Length > 0)
                {
                    var updated = await request.Objects.UpdateAsync(scope, name, current =>
                    {
                        var applied = fieldManager.Apply(current, config, force, request.Now);
                        if (!keepsResourceVersion)
                        {
                            applied.Metadata().Remove("resourceVersion");
                        }

                        return applied;
                    }, dryRun, request.Aborted, request.User);
                    await ResponseWriter.WriteObjectAsync(request, 200, updated);
                    return;
                }

                var created = await request.Objects.CreateAsync(scope, fieldManager.Apply(null, config, force, request.Now), dryRun, request.Aborted, request.User);
                await ResponseWriter.WriteObjectAsync(request, 201, created);
                return;
            }
            catch (KubeStatusException e) when (attempt < MaxCreateRaces && request.Info.Subresource.Length == 0
                && (exists ? e.Status.Reason == "NotFound" : e.Status.Reason == "AlreadyExists"))
            {
                // Another writer created or deleted the object meanwhile: apply again to what is there now.
            }
        }
    }

    /// <summary>Decodes the configuration and checks that it names this object: apiVersion, kind and name as on the URL.</summary>
    private static JsonObject ReadConfig(KubeRequestContext request, byte[] body)
    {
        var node = RequestBody.Parse(body, yaml: true, "error decoding YAML: ");
        if (node is not JsonObject config)
        {
            var type = node switch { null => "null", JsonArray => "array", _ => "string" };
            throw KubeStatus.BadRequest($"error decoding YAML: json: cannot unmarshal {type} into Go value of type map[string]interface {{}}").ToException();
        }

        var resource = request.Resource;
        var apiVersion = config.GetString("apiVersion") ?? "";
        if (apiVersion != resource.GroupVersion)
        {
            throw KubeStatus.BadRequest($"Incorrect version specified in apply patch. Specified patch version: {apiVersion}, expected: {resource.GroupVersion}").ToException();
        }

        var kind = config.GetString("kind") ?? "";
        if (kind != resource.Kind)
        {
            throw KubeStatus.BadRequest($"Incorrect kind specified in apply patch. Specified patch kind: {kind}, expected: {resource.Kind}").ToException();
        }

        if (config.GetObject("metadata")?.ContainsKey("managedFields") == true)
        {
            throw KubeStatus.BadRequest("metadata.managedFields must be nil").ToException();
        }

        var configName = config.MetaString("name") ?? "";
        if (configName != request.Info.Name)
        {
            throw KubeStatus.BadRequest($"the name of the object ({configName}) does not match the name on the URL ({request.Info.Name})").ToException();
        }

        return request.CheckDecodedObject(config, []);
    }
}
