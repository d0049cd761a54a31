namespace Lotse.Kube.Protobuf;

/// <summary>Malformed protobuf bytes; caught by <see cref="KubeProtobuf.TryDecode"/> and turned into its error string.</summary>
internal sealed class ProtobufFormatException(string message) : Exception(message);
