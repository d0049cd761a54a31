using System.Text.RegularExpressions;

namespace Lotse.Aws.Iam;

/// <summary>
/// Server-side checks of IAM parameters (botocore checks only required members and minimum lengths), collecting
/// every problem into one ValidationError as IAM does. Patterns are the model's; Java's <c>\w</c> is ASCII-only.
/// </summary>
public sealed partial class IamValidator
{
    public const string NamePattern = @"[\w+=,.@-]+";
    public const string PathPattern = @"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)";
    public const string PathPrefixPattern = @"\u002F[\u0021-\u007F]*";
    public const string PolicyPattern = @"[\u0009\u000A\u000D\u0020-\u00FF]+";
    public const string DescriptionPattern = @"[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*";
    public const string TagKeyPattern = @"[\p{L}\p{Z}\p{N}_.:/=+\-@]+";
    public const string TagValuePattern = @"[\p{L}\p{Z}\p{N}_.:/=+\-@]*";

    private readonly List<string> _problems = [];

    public bool IsValid => _problems.Count == 0;

    /// <summary>Throws the collected ValidationError, if any.</summary>
    public void ThrowIfInvalid()
    {
        if (_problems.Count > 0)
        {
            throw IamErrors.Validation(_problems);
        }
    }

    public IamValidator Name(string member, string? value, int max = 64) =>
        Text(member, value, required: true, min: 1, max, NameRegex(), NamePattern);

    public IamValidator Path(string? value) => Text("path", value, required: false, min: 1, max: 512, PathRegex(), PathPattern);

    public IamValidator PathPrefix(string? value) => Text("pathPrefix", value, required: false, min: 1, max: 512, PathPrefixRegex(), PathPrefixPattern);

    public IamValidator Description(string? value) => Text("description", value, required: false, min: 0, max: 1000, DescriptionRegex(), DescriptionPattern);

    public IamValidator PolicyDocument(string member, string? value) => Text(member, value, required: true, min: 1, max: 131072, PolicyRegex(), PolicyPattern);

    public IamValidator AccessKeyId(string? value) => Text("accessKeyId", value, required: true, min: 16, max: 128, AccessKeyIdRegex(), @"[\w]+");

    /// <summary>STS RoleSessionName: 2..64 characters of <c>[\w+=,.@-]*</c>.</summary>
    public IamValidator SessionName(string? value) => Text("roleSessionName", value, required: true, min: 2, max: 64, NameRegex(), @"[\w+=,.@-]*");

    /// <summary>An ARN parameter: 20..2048 characters (the model has no pattern).</summary>
    public IamValidator Arn(string member, string? value) => Text(member, value, required: true, min: 20, max: 2048, AnyRegex(), ".*");

    public IamValidator Integer(string member, string? value, int min, int max, out int? result)
    {
        result = null;
        if (value is null)
        {
            return this;
        }

        if (!int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            _problems.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must be an integer");
        }
        else if (number < min)
        {
            _problems.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have value greater than or equal to {min}");
        }
        else if (number > max)
        {
            _problems.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have value less than or equal to {max}");
        }
        else
        {
            result = number;
        }

        return this;
    }

    /// <summary>A required member of any type.</summary>
    public IamValidator NotNull(string member, object? value)
    {
        if (value is null)
        {
            _problems.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
        }

        return this;
    }

    /// <summary>A value of a model enum, e.g. an access key's <c>status</c>.</summary>
    public IamValidator Enum(string member, string? value, params string[] allowed)
    {
        if (value is null)
        {
            _problems.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
        }
        else if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            _problems.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }

        return this;
    }

    /// <summary>The keys of UntagUser/UntagRole: 1..50 keys (the model's tagKeyListType), each a valid tag key.</summary>
    public IamValidator TagKeys(IReadOnlyList<string> keys)
    {
        if (keys.Count > 50)
        {
            _problems.Add("Value at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50");
        }

        for (var i = 0; i < keys.Count; i++)
        {
            Text($"tagKeys.{i + 1}.member", keys[i], required: true, min: 1, max: 128, TagKeyRegex(), TagKeyPattern);
        }

        return this;
    }

    public IamValidator Tags(IReadOnlyList<IamTag> tags)
    {
        if (tags.Count > 50)
        {
            _problems.Add("Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
        }

        for (var i = 0; i < tags.Count; i++)
        {
            Text($"tags.{i + 1}.member.key", tags[i].Key, required: true, min: 1, max: 128, TagKeyRegex(), TagKeyPattern);
            Text($"tags.{i + 1}.member.value", tags[i].Value, required: true, min: 0, max: 256, TagValueRegex(), TagValuePattern);
        }

        return this;
    }

    private IamValidator Text(string member, string? value, bool required, int min, int max, Regex regex, string pattern)
    {
        if (value is null)
        {
            if (required)
            {
                _problems.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
            }

            return this;
        }

        if (value.Length < min)
        {
            _problems.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have length greater than or equal to {min}");
        }
        else if (value.Length > max)
        {
            _problems.Add($"Value '{Shorten(value)}' at '{member}' failed to satisfy constraint: Member must have length less than or equal to {max}");
        }
        else if (value.Length > 0 && !regex.IsMatch(value))
        {
            _problems.Add($"Value '{Shorten(value)}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}");
        }

        return this;
    }

    private static string Shorten(string value) => value.Length <= 256 ? value : value[..256] + "…";

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]+\z")]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"^(/|/[\u0021-\u007E]+/)\z")]
    private static partial Regex PathRegex();

    [GeneratedRegex(@"^/[\u0021-\u007F]*\z")]
    private static partial Regex PathPrefixRegex();

    [GeneratedRegex(@"^[\u0009\u000A\u000D\u0020-\u00FF]+\z")]
    private static partial Regex PolicyRegex();

    [GeneratedRegex(@"^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*\z")]
    private static partial Regex DescriptionRegex();

    [GeneratedRegex(@"^[\s\S]*\z")]
    private static partial Regex AnyRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_]+\z")]
    private static partial Regex AccessKeyIdRegex();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+\z")]
    private static partial Regex TagKeyRegex();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*\z")]
    private static partial Regex TagValueRegex();
}
