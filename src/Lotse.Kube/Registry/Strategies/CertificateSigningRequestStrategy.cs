using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;
using Lotse.Storage;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// certificates.k8s.io/v1 CertificateSigningRequest (upstream <c>pkg/registry/certificates/certificates/strategy.go</c> and
/// <c>pkg/apis/certificates/validation</c>): the request must be a PEM <c>CERTIFICATE REQUEST</c> whose signature checks,
/// the requester's identity is stamped into the spec on create, and the spec and status never change through the main
/// resource (<c>/approval</c> and <c>/status</c> own the conditions and the certificate). No signer runs here: an
/// approved request stays approved without a certificate until a client writes one through <c>/status</c>.
/// </summary>
public sealed class CertificateSigningRequestStrategy : KubeStrategy
{
    /// <summary>The condition types the approval subresource owns.</summary>
    public static readonly string[] ApprovalConditionTypes = ["Approved", "Denied"];

    private static readonly string[] ValidUsages =
    [
        "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment", "decipher only",
        "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement",
        "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping",
    ];

    private static readonly string[] TrueOnlyConditionTypes = ["Approved", "Denied", "Failed"];
    private static readonly string[] StatusValues = ["False", "True", "Unknown"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        TableColumn.AgeColumn,
        new("SignerName", "string", "", "signerName indicates the requested signer, and is a qualified name."),
        new("Requestor", "string", "", "request contains an x509 certificate signing request encoded in a \"CERTIFICATE REQUEST\" PEM block. When serialized as JSON or YAML, the data is additionally base64-encoded."),
        new("RequestedDuration", "string", "", "expirationSeconds is the requested duration of validity of the issued certificate. The certificate signer may issue a certificate with a different validity duration so a client must check the delta between the notBefore and and notAfter fields in the issued certificate to determine the actual duration."),
        new("Condition", "string", "", "conditions applied to the request. Known conditions are \"Approved\", \"Denied\", and \"Failed\"."),
    ];

    public override IReadOnlyList<string> ExtraSelectableFields { get; } = ["spec.signerName"];

    public override string GetSelectableField(JsonObject obj, string field) =>
        field == "spec.signerName" ? obj.GetObject("spec").GetString("signerName") ?? "" : "";

    public override string? DecodeError(JsonObject obj)
    {
        var spec = obj.GetObject("spec");
        return Base64Error(spec?["request"], "CertificateSigningRequestSpec.spec.request")
            ?? Base64Error(obj.GetObject("status")?["certificate"], "CertificateSigningRequestStatus.status.certificate")
            ?? PriorityClassStrategy.Int32DecodeError(spec?["expirationSeconds"], "CertificateSigningRequestSpec.spec.expirationSeconds")
            ?? DecodeChecks.Scalar(spec?["signerName"], "CertificateSigningRequestSpec.spec.signerName", "string");
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            spec = [];
            obj["spec"] = spec;
        }

        // The identity is the server's to fill (OnCreateAsync); a request cannot arrive pre-approved.
        foreach (var field in new[] { "username", "uid", "groups", "extra" })
        {
            spec.Remove(field);
        }

        obj["status"] = new JsonObject();
        obj.Metadata().Remove("generation");
    }

    public override ValueTask OnCreateAsync(KubeWriteContext context, JsonObject obj, List<StoreOperation> operations)
    {
        if (context.User is { } user && obj["spec"] is JsonObject spec)
        {
            spec["username"] = user.Name;
            if (user.Uid.Length > 0)
            {
                spec["uid"] = user.Uid;
            }

            if (user.Groups.Count > 0)
            {
                spec["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)g)]);
            }

            if (user.Extra.Count > 0)
            {
                var extra = new JsonObject();
                foreach (var (key, values) in user.Extra)
                {
                    extra[key] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
                }

                spec["extra"] = extra;
            }
        }

        return ValueTask.CompletedTask;
    }

    public override void Validate(JsonObject obj, List<FieldError> errors) => ValidateRequest(obj, null, errors);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["spec"] = old["spec"]?.DeepClone();
        obj["status"] = old["status"]?.DeepClone();
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        // Spec and status are the stored ones (PrepareForUpdate); only metadata moved.
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        cells.Add(obj.Name());
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        cells.Add(spec.GetString("signerName") is { Length: > 0 } signer ? signer : "<none>");
        cells.Add(spec.GetString("username") ?? "");
        cells.Add(spec.GetInt("expirationSeconds") is { } seconds ? HumanDuration.Format(TimeSpan.FromSeconds(seconds)) : "<none>");
        cells.Add(Condition(obj.GetObject("status")));
    }

    /// <summary>
    /// Upstream validateCertificateSigningRequest (plus the update rules when <paramref name="old"/> is set): request,
    /// usages, signer, duration, conditions and certificate. Tolerances for data the old object already had follow upstream.
    /// </summary>
    public static void ValidateRequest(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        var request = Bytes(spec?["request"]);
        if (RequestError(request) is { } requestError)
        {
            errors.Add(FieldError.InvalidRaw("spec.request", GoBytes(request), requestError));
        }

        var usages = spec.GetArray("usages")?.Select(u => u?.GetValueKind() == System.Text.Json.JsonValueKind.String ? u.GetValue<string>() : "").ToList() ?? [];
        var oldUsages = old.GetObject("spec").GetArray("usages")?.Select(u => u?.ToString() ?? "").ToList() ?? [];
        if (usages.Count == 0)
        {
            errors.Add(FieldError.Required("spec.usages", ""));
        }

        if (!oldUsages.Any(u => !ValidUsages.Contains(u)))
        {
            for (var i = 0; i < usages.Count; i++)
            {
                if (!ValidUsages.Contains(usages[i]))
                {
                    errors.Add(FieldError.NotSupported($"spec.usages[{i}]", usages[i], ValidUsages));
                }
            }
        }

        if (oldUsages.Distinct().Count() == oldUsages.Count)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < usages.Count; i++)
            {
                if (!seen.Add(usages[i]))
                {
                    errors.Add(FieldError.Duplicate($"spec.usages[{i}]", usages[i]));
                }
            }
        }

        var signerName = spec.GetString("signerName") ?? "";
        if (signerName == "kubernetes.io/legacy-unknown" && old.GetObject("spec").GetString("signerName") != signerName)
        {
            errors.Add(FieldError.Invalid("spec.signerName", signerName, "the legacy signerName is not allowed via this API version"));
        }
        else
        {
            ValidateSignerName("spec.signerName", signerName, errors);
        }

        if (spec.GetInt("expirationSeconds") is < 600 and var expiration)
        {
            errors.Add(FieldError.InvalidRaw("spec.expirationSeconds", expiration.ToString(System.Globalization.CultureInfo.InvariantCulture), "may not specify a duration less than 600 seconds (10 minutes)"));
        }

        ValidateConditions(obj, old, errors);
        var certificate = obj.GetObject("status").GetString("certificate");
        var oldCertificate = old.GetObject("status").GetString("certificate");
        var arbitraryAllowed = old is not null && (certificate == oldCertificate || CertificateError(Bytes(oldCertificate)) is not null);
        if (!arbitraryAllowed && CertificateError(Bytes(certificate)) is { } certificateError)
        {
            errors.Add(FieldError.Invalid("status.certificate", "<certificate data>", certificateError));
        }
    }

    /// <summary>The CONDITION cell: Denied before Approved before Pending, then ",Failed" and ",Issued".</summary>
    public static string Condition(JsonObject? status)
    {
        var types = status.GetArray("conditions")?.OfType<JsonObject>().Select(c => c.GetString("type")).ToList() ?? [];
        var text = types.Contains("Denied") ? "Denied" : types.Contains("Approved") ? "Approved" : "Pending";
        if (types.Contains("Failed"))
        {
            text += ",Failed";
        }

        return string.IsNullOrEmpty(status.GetString("certificate")) ? text : text + ",Issued";
    }

    /// <summary>The conditions of one type (what the update rules compare).</summary>
    public static List<JsonObject> ConditionsOfType(JsonObject? obj, string type) =>
        obj.GetObject("status").GetArray("conditions")?.OfType<JsonObject>().Where(c => c.GetString("type") == type).ToList() ?? [];

    /// <summary>upstream populateConditionTimestamps: new conditions get now; an unchanged type/status keeps its transition time.</summary>
    public static void PopulateConditionTimestamps(JsonObject obj, JsonObject old)
    {
        var now = JsonObjectExtensions.FormatTime(DateTimeOffset.UtcNow);
        foreach (var condition in obj.GetObject("status").GetArray("conditions")?.OfType<JsonObject>() ?? [])
        {
            if (string.IsNullOrEmpty(condition.GetString("lastUpdateTime")))
            {
                condition["lastUpdateTime"] = now;
            }

            if (string.IsNullOrEmpty(condition.GetString("lastTransitionTime")))
            {
                var previous = old.GetObject("status").GetArray("conditions")?.OfType<JsonObject>().FirstOrDefault(c =>
                    c.GetString("type") == condition.GetString("type") && c.GetString("status") == condition.GetString("status") && !string.IsNullOrEmpty(c.GetString("lastTransitionTime")));
                condition["lastTransitionTime"] = previous?.GetString("lastTransitionTime") ?? now;
            }
        }
    }

    /// <summary>apivalidation.ValidateSignerName: "&lt;domain with a dot&gt;/&lt;path&gt;".</summary>
    public static void ValidateSignerName(string path, string signerName, List<FieldError> errors)
    {
        if (signerName.Length == 0)
        {
            errors.Add(FieldError.Required(path, ""));
            return;
        }

        var segments = signerName.Split('/');
        if (segments.Length != 2)
        {
            errors.Add(FieldError.Invalid(path, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'"));
            return;
        }

        if (segments[0].Length > 253)
        {
            errors.Add(new FieldError("FieldValueTooLong", path, $"Too long: may not be more than 253 bytes"));
        }

        var labels = segments[0].Split('.');
        foreach (var label in labels)
        {
            var labelErrors = NameRules.IsDns1123Label(label).ToList();
            foreach (var message in labelErrors)
            {
                errors.Add(FieldError.Invalid(path, segments[0], $"validating label \"{label}\": {message}"));
            }

            if (labelErrors.Count > 0)
            {
                break;
            }
        }

        if (labels.Length < 2)
        {
            errors.Add(FieldError.Invalid(path, segments[0], "should be a domain with at least two segments separated by dots"));
        }

        if (segments[1].Length > 253)
        {
            errors.Add(new FieldError("FieldValueTooLong", path, $"Too long: may not be more than 253 bytes"));
        }

        foreach (var message in NameRules.IsDns1123Subdomain(segments[1]))
        {
            errors.Add(FieldError.Invalid(path, segments[1], $"validating path \"{segments[1]}\": {message}"));
        }
    }

    private static void ValidateConditions(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var conditions = obj.GetObject("status").GetArray("conditions")?.OfType<JsonObject>().ToList() ?? [];
        var oldTypes = old.GetObject("status").GetArray("conditions")?.OfType<JsonObject>().Select(c => c.GetString("type") ?? "").ToList() ?? [];
        var allowEmptyType = oldTypes.Contains("");
        var allowBoth = oldTypes.Contains("Approved") && oldTypes.Contains("Denied");
        var allowDuplicates = oldTypes.Distinct().Count() != oldTypes.Count;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool approved = false, denied = false;
        for (var i = 0; i < conditions.Count; i++)
        {
            var path = $"status.conditions[{i}]";
            var type = conditions[i].GetString("type") ?? "";
            var status = conditions[i].GetString("status") ?? "";
            if (!allowEmptyType && type.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.type", ""));
            }

            string[] allowed = TrueOnlyConditionTypes.Contains(type) ? ["True"] : StatusValues;
            if (status.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.status", ""));
            }
            else if (!allowed.Contains(status))
            {
                errors.Add(FieldError.NotSupported($"{path}.status", status, allowed));
            }

            if (!allowBoth && ((type == "Approved" && (approved = true) && denied) || (type == "Denied" && (denied = true) && approved)))
            {
                errors.Add(FieldError.Invalid($"{path}.type", type, "Approved and Denied conditions are mutually exclusive"));
            }

            if (!allowDuplicates && !seen.Add(type))
            {
                errors.Add(FieldError.Duplicate($"{path}.type", type));
            }
        }
    }

    private static string? RequestError(byte[] request)
    {
        if (!TryPemBlock(request, out var type, out var der) || type != "CERTIFICATE REQUEST")
        {
            return "PEM block type must be CERTIFICATE REQUEST";
        }

        try
        {
            // Loading checks the request's self-signature.
            CertificateRequest.LoadSigningRequest(der, HashAlgorithmName.SHA256, out _, CertificateRequestLoadOptions.Default);
            return null;
        }
        catch (CryptographicException)
        {
            return "x509: malformed certificate request or invalid signature";
        }
    }

    /// <summary>upstream validateCertificate: empty, or only well-formed CERTIFICATE blocks without headers.</summary>
    private static string? CertificateError(byte[] pem)
    {
        if (pem.Length == 0)
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(pem);
        var blocks = 0;
        var rest = text;
        while (TryPemBlock(Encoding.ASCII.GetBytes(rest), out var type, out var der, out var remaining, out var hasHeaders))
        {
            if (type != "CERTIFICATE")
            {
                return $"only CERTIFICATE PEM blocks are allowed, found \"{type}\"";
            }

            if (hasHeaders)
            {
                return "no PEM block headers are permitted";
            }

            try
            {
                using var certificate = X509CertificateLoader.LoadCertificate(der);
            }
            catch (CryptographicException)
            {
                return "x509: malformed certificate";
            }

            blocks++;
            rest = remaining;
        }

        return blocks == 0 ? "must contain at least one CERTIFICATE PEM block" : null;
    }

    private static bool TryPemBlock(byte[] data, out string type, out byte[] der) => TryPemBlock(data, out type, out der, out _, out _);

    /// <summary>The first PEM block in <paramref name="data"/> (Go's pem.Decode skips leading text).</summary>
    private static bool TryPemBlock(byte[] data, out string type, out byte[] der, out string remaining, out bool hasHeaders)
    {
        type = "";
        der = [];
        remaining = "";
        hasHeaders = false;
        var text = Encoding.ASCII.GetString(data);
        var begin = text.IndexOf("-----BEGIN ", StringComparison.Ordinal);
        if (begin < 0)
        {
            return false;
        }

        var typeEnd = text.IndexOf("-----", begin + 11, StringComparison.Ordinal);
        if (typeEnd < 0)
        {
            return false;
        }

        type = text[(begin + 11)..typeEnd];
        var endMarker = $"-----END {type}-----";
        var end = text.IndexOf(endMarker, typeEnd, StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var body = text[(typeEnd + 5)..end];
        hasHeaders = body.Contains(':', StringComparison.Ordinal);
        try
        {
            der = Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException)
        {
            return false;
        }

        remaining = text[(end + endMarker.Length)..];
        return true;
    }

    private static byte[] Bytes(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return [];
        }

        try
        {
            return Convert.FromBase64String(value.GetValue<string>());
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static byte[] Bytes(string? base64) => base64 is null ? [] : Bytes(JsonValue.Create(base64));

    /// <summary>Go's <c>%#v</c> of a <c>[]byte</c>.</summary>
    private static string GoBytes(byte[] bytes) =>
        bytes.Length == 0 ? "[]byte(nil)" : "[]byte{" + string.Join(", ", bytes.Select(b => "0x" + b.ToString("x", System.Globalization.CultureInfo.InvariantCulture))) + "}";

    private static string? Base64Error(JsonNode? node, string goField)
    {
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return $"json: cannot unmarshal {(node.GetValueKind() == System.Text.Json.JsonValueKind.Number ? "number" : node.GetValueKind().ToString().ToLowerInvariant())} into Go struct field {goField} of type []uint8";
        }

        return DecodeChecks.BadBase64Index(node.GetValue<string>()) is { } index ? $"illegal base64 data at input byte {index}" : null;
    }
}
