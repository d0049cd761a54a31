using System.Globalization;
using System.Text;
using Lotse.Kube.Errors;
using Lotse.Kube.ManagedFields;

namespace Lotse.Kube.Handlers;

/// <summary>
/// The <c>fieldManager</c> (and <c>force</c>) options of a write, checked as apimachinery's Create/Update/PatchOptions
/// validation does, and the <see cref="FieldManager"/> that records the write in managedFields.
/// </summary>
public static class FieldManagerOptions
{
    public const int MaxLength = 128;

    /// <summary>
    /// The manager of a create, update or non-apply patch: <c>?fieldManager=</c>, else the User-Agent up to its first
    /// <c>/</c> (printable characters, at most 128).
    /// </summary>
    public static FieldManager For(KubeRequestContext request, string optionsKind)
    {
        var manager = Validated(request, optionsKind, apply: false);
        return Create(request, manager ?? FromUserAgent(request.Http.Request.Headers.UserAgent.ToString()));
    }

    /// <summary>The manager of an apply patch, which must name one.</summary>
    public static FieldManager ForApply(KubeRequestContext request) =>
        Create(request, Validated(request, "PatchOptions", apply: true)!);

    /// <summary><c>?force=</c> of an apply patch; refused on other patches.</summary>
    public static bool Force(KubeRequestContext request, bool apply)
    {
        var force = request.Query("force");
        if (force is null)
        {
            return false;
        }

        if (!apply)
        {
            throw Invalid("PatchOptions", FieldError.Forbidden("force", "may not be specified for non-apply patch"));
        }

        return force switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw KubeStatus.BadRequest($"strconv.ParseBool: parsing {System.Text.Json.JsonSerializer.Serialize(force)}: invalid syntax").ToException(),
        };
    }

    public static string FromUserAgent(string userAgent)
    {
        var slash = userAgent.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash < 0 ? userAgent : userAgent[..slash];
        var text = new StringBuilder();
        foreach (var rune in prefix.EnumerateRunes())
        {
            if (!IsPrintable(rune))
            {
                continue;
            }

            if (text.Length >= MaxLength)
            {
                break;
            }

            text.Append(rune.ToString());
        }

        return text.ToString();
    }

    private static FieldManager Create(KubeRequestContext request, string manager)
    {
        var resource = request.Resource;
        var subresource = request.Info.Subresource is "status" or "scale" ? request.Info.Subresource : "";
        var statusIsSubresource = subresource != "status" && resource.FindSubresource("status") is not null;
        return new FieldManager(manager, subresource, resource.GroupVersion, resource.Strategy.PatchMergeKeys, statusIsSubresource);
    }

    private static string? Validated(KubeRequestContext request, string optionsKind, bool apply)
    {
        var manager = request.Query("fieldManager");
        var errors = new List<FieldError>();
        if (apply && manager is null)
        {
            errors.Add(FieldError.Required("fieldManager", "is required for apply patch"));
        }

        if (manager is not null)
        {
            if (Encoding.UTF8.GetByteCount(manager) > MaxLength)
            {
                errors.Add(FieldError.TooLong("fieldManager", MaxLength));
            }

            var position = 0;
            foreach (var rune in manager.EnumerateRunes())
            {
                if (!IsPrintable(rune))
                {
                    errors.Add(FieldError.Invalid("fieldManager", manager, $"invalid character U+{rune.Value.ToString("X4", CultureInfo.InvariantCulture)} (at position {position.ToString(CultureInfo.InvariantCulture)})"));
                }

                position += rune.Utf8SequenceLength;
            }
        }

        if (errors.Count > 0)
        {
            throw Invalid(optionsKind, [.. errors]);
        }

        return manager;
    }

    private static KubeStatusException Invalid(string optionsKind, params FieldError[] errors) =>
        KubeStatus.Invalid("meta.k8s.io", optionsKind, "", errors).ToException();

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    private static bool IsPrintable(Rune rune) =>
        rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
}
