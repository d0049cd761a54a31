using Lotse.Aws;

namespace Lotse.Server;

/// <summary>Writes <c>DATA/env</c>: the export lines that point the aws CLI and SDKs at this Lotse.</summary>
public static class EnvFile
{
    public static string Write(LotseOptions options, AwsInstallation installation)
    {
        var path = Path.Combine(options.DataDirectory, "env");
        var text = $"""
            # Written by `lotse up`: `. {path}` points the aws CLI, SDKs and kubectl's get-token at Lotse.
            unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL_EKS AWS_ENDPOINT_URL_STS AWS_ENDPOINT_URL_IAM
            export AWS_ENDPOINT_URL={options.AwsEndpoint}
            export AWS_ACCESS_KEY_ID={installation.AdminAccessKeyId}
            export AWS_SECRET_ACCESS_KEY={installation.AdminSecretAccessKey}
            export AWS_DEFAULT_REGION={options.Region}

            """;
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        if (!OperatingSystem.IsWindows())
        {
            // It holds a secret key: owner-only, like ~/.aws/credentials should be.
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }
}
