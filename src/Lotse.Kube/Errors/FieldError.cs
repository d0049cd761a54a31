namespace Lotse.Kube.Errors;

/// <summary>
/// One validation error with its field path, formatted as apimachinery's <c>field.Error</c>
/// (<c>metadata.name: Invalid value: "X": reason</c>).
/// </summary>
public sealed record FieldError(string CauseType, string Field, string Body)
{
    public override string ToString() => $"{Field}: {Body}";

    public static FieldError Invalid(string field, string? value, string detail) =>
        new("FieldValueInvalid", field, value is null ? $"Invalid value: null: {detail}" : $"Invalid value: \"{value}\": {detail}");

    public static FieldError InvalidRaw(string field, string renderedValue, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: {renderedValue}: {detail}");

    public static FieldError Required(string field, string detail) =>
        new("FieldValueRequired", field, detail.Length == 0 ? "Required value" : $"Required value: {detail}");

    public static FieldError Duplicate(string field, string value) =>
        new("FieldValueDuplicate", field, $"Duplicate value: \"{value}\"");

    public static FieldError NotSupported(string field, string value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported", field, $"Unsupported value: \"{value}\": supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}");

    public static FieldError Forbidden(string field, string detail) => new("FieldValueForbidden", field, $"Forbidden: {detail}");

    public static FieldError TooMany(string field, int actual, int max) => new("FieldValueTooMany", field, $"Too many: {actual}: must have at most {max} items");

    public static FieldError TooLong(string field, int max) => new("FieldValueTooLong", field, $"Too long: may not be more than {max} bytes");
}
