using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.ServiceAccounts;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;
using Lotse.Storage;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>core/v1 Secret (upstream <c>pkg/registry/core/secret/strategy.go</c>, <c>ValidateSecret</c>).</summary>
public sealed class SecretStrategy : KubeStrategy
{
    private const int MaxSize = 1024 * 1024;

    public override IReadOnlyList<string> ExtraSelectableFields { get; } = ["type"];

    /// <summary>Fills legacy service-account token secrets on create; set by the server when it can sign tokens.</summary>
    public LegacyTokenController? TokenController { get; set; }

    public override IReadOnlyList<string> TopLevelFields { get; } = ["data", "stringData", "type", "immutable"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Type", "string", "", "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
        new("Data", "string", "", "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
        TableColumn.AgeColumn,
    ];

    public override string? DecodeError(JsonObject obj) =>
        DecodeChecks.Base64Map(obj, "Secret", "data") ?? DecodeChecks.StringMap(obj, "Secret", "stringData");

    /// <summary>Defaults the type and folds write-only <c>stringData</c> into <c>data</c>, as the v1 conversion does.</summary>
    public override void PrepareForCreate(JsonObject obj) => Normalize(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => Normalize(obj);

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var data = obj.GetObject("data");
        var size = 0L;
        foreach (var (key, value) in data ?? [])
        {
            foreach (var msg in NameRules.IsConfigMapKey(key))
            {
                errors.Add(FieldError.Invalid($"data[{key}]", key, msg));
            }

            size += value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Length * 3 / 4 : 0;
        }

        if (size > MaxSize)
        {
            errors.Add(new FieldError("FieldValueTooLong", "data", $"Too long: must have at most {MaxSize} bytes"));
        }

        switch (obj.GetString("type"))
        {
            case "kubernetes.io/service-account-token":
                if (string.IsNullOrEmpty(obj.GetObject("metadata").GetObject("annotations").GetString("kubernetes.io/service-account.name")))
                {
                    errors.Add(FieldError.Required("metadata.annotations[kubernetes.io/service-account.name]", ""));
                }

                break;
            case "kubernetes.io/dockercfg":
                RequireKey(data, ".dockercfg", errors);
                break;
            case "kubernetes.io/dockerconfigjson":
                RequireKey(data, ".dockerconfigjson", errors);
                break;
            case "kubernetes.io/basic-auth":
                if (data?.ContainsKey("username") != true && data?.ContainsKey("password") != true)
                {
                    errors.Add(FieldError.Required("data[username]", ""));
                    errors.Add(FieldError.Required("data[password]", ""));
                }

                break;
            case "kubernetes.io/ssh-auth":
                RequireKey(data, "ssh-privatekey", errors);
                break;
            case "kubernetes.io/tls":
                RequireKey(data, "tls.key", errors);
                RequireKey(data, "tls.crt", errors);
                break;
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        if (obj.GetString("type") != old.GetString("type"))
        {
            errors.Add(FieldError.Invalid("type", obj.GetString("type"), "field is immutable"));
        }

        if (old["immutable"]?.GetValueKind() == JsonValueKind.True)
        {
            if (obj["immutable"]?.GetValueKind() != JsonValueKind.True)
            {
                errors.Add(FieldError.Forbidden("immutable", "field is immutable when `immutable` is set"));
            }

            if (!JsonNode.DeepEquals(obj["data"], old["data"]))
            {
                errors.Add(FieldError.Forbidden("data", "field is immutable when `immutable` is set"));
            }
        }
    }

    public override async ValueTask OnCreateAsync(KubeWriteContext context, JsonObject obj, List<StoreOperation> operations)
    {
        if (TokenController is not null)
        {
            await TokenController.FillAsync(context, obj);
        }
    }

    public override string GetSelectableField(JsonObject obj, string field) => field == "type" ? obj.GetString("type") ?? "" : "";

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add(obj.GetString("type") ?? "");
        cells.Add((long)obj.GetObject("data").CountProperties());
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    private static void Normalize(JsonObject obj)
    {
        if (string.IsNullOrEmpty(obj.GetString("type")))
        {
            obj["type"] = "Opaque";
        }

        if (obj.Remove("stringData", out var stringData) && stringData is JsonObject strings)
        {
            var data = obj.GetObject("data") ?? new JsonObject();
            obj["data"] = data;
            foreach (var (key, value) in strings)
            {
                var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            }
        }
    }

    private static void RequireKey(JsonObject? data, string key, List<FieldError> errors)
    {
        if (data?.ContainsKey(key) != true)
        {
            errors.Add(FieldError.Required($"data[{key}]", ""));
        }
    }
}
