namespace Lotse.Kube.Protobuf;

/// <summary>
/// How a field appears in the JSON kube-apiserver writes, derived from the Go type and its JSON tag.
/// Go protobuf (gogo, proto2) writes every non-pointer field even when zero, so the wire alone cannot
/// say what JSON would show; the Go <c>omitempty</c> rule decides, per field.
/// </summary>
internal enum FieldPresence
{
    /// <summary>Value type tagged <c>omitempty</c>: zero values (and empty lists and maps) are omitted.</summary>
    OmitEmpty,

    /// <summary>
    /// Tag without <c>omitempty</c>, or any struct-valued field (Go never omits structs): always written,
    /// with the zero value when absent (<c>""</c>, <c>0</c>, <c>false</c>, <c>null</c> for a list or map, a zero object).
    /// </summary>
    Required,

    /// <summary>Pointer tagged <c>omitempty</c>: written exactly when present on the wire, even if zero.</summary>
    Pointer,

    /// <summary>Pointer without <c>omitempty</c>: written when present, <c>null</c> when absent.</summary>
    NullWhenAbsent,

    /// <summary>Embedded struct (<c>json:",inline"</c>): its fields are merged into the parent object.</summary>
    Inline,
}
