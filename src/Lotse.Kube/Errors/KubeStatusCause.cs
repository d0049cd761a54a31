namespace Lotse.Kube.Errors;

/// <summary>One entry of <c>Status.details.causes</c>: a field error (<c>FieldValueInvalid</c>, <c>FieldValueRequired</c>, ...).</summary>
public sealed record KubeStatusCause(string Type, string Message, string? Field);
