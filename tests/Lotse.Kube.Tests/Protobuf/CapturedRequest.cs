namespace Lotse.Kube.Tests.Protobuf;

/// <summary>One write request as kubectl sent it to <see cref="KubectlCaptureServer"/>.</summary>
public sealed record CapturedRequest(string Method, string Path, string ContentType, byte[] Body);
