namespace Lotse.Kube.Protobuf;

/// <summary>apimachinery messages whose JSON form is not an object of their fields.</summary>
internal enum ProtoSpecial
{
    None,

    /// <summary>meta/v1 Time: seconds=1 → RFC 3339 in UTC, whole seconds (the Go JSON form drops nanos).</summary>
    Time,

    /// <summary>meta/v1 MicroTime: seconds=1, nanos=2 → RFC 3339 with 6 fractional digits.</summary>
    MicroTime,

    /// <summary>meta/v1 Duration: duration=1 (nanoseconds) → Go duration string ("1h0m0s").</summary>
    Duration,

    /// <summary>intstr.IntOrString: type=1 (0 int, 1 string), intVal=2, strVal=3 → number or string.</summary>
    IntOrString,

    /// <summary>resource.Quantity: string=1 → the string.</summary>
    Quantity,

    /// <summary>runtime.RawExtension: raw=1 (JSON bytes) → the embedded JSON.</summary>
    RawExtension,

    /// <summary>meta/v1 FieldsV1: raw=1 (JSON bytes) → the embedded JSON object.</summary>
    FieldsV1,
}
