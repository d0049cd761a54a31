using System.Net;

namespace Lotse.Server;

/// <summary>The settings of <c>lotse up</c>, all from the command line (no config files to forget).</summary>
public sealed record LotseOptions
{
    public const int DefaultAwsPort = 5580;
    public const int DefaultKubePort = 5443;
    public const string DefaultRegion = "us-east-1";

    /// <summary>Where the store, and the env file for the aws CLI, live. Default: <c>.lotse</c> in the current directory.</summary>
    public string DataDirectory { get; init; } = Path.GetFullPath(".lotse");

    /// <summary>The address both listeners bind to and the endpoints advertise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>
    /// The address of the private Kubernetes listener, standing for the clusters' VPC (<c>endpointPrivateAccess</c>), on the same
    /// port as the public one; <c>none</c> turns it off. Any 127.x.y.z address works on Linux without set-up.
    /// </summary>
    public string PrivateHost { get; init; } = DefaultPrivateHost;

    public const string DefaultPrivateHost = "127.0.0.2";

    public int AwsPort { get; init; } = DefaultAwsPort;

    public int KubePort { get; init; } = DefaultKubePort;

    /// <summary>The region written to the env file (clusters live in whatever region a request is signed for).</summary>
    public string Region { get; init; } = DefaultRegion;

    public string AwsEndpoint => $"http://{UrlHost}:{AwsPort}";

    public string KubernetesBaseUrl => $"https://{UrlHost}:{KubePort}";

    /// <summary>
    /// The private listener's address, or null when there is none: turned off, or the public listener already binds every
    /// address (<c>--host 0.0.0.0</c>), or both name the same address.
    /// </summary>
    public IPAddress? PrivateAddress =>
        IPAddress.TryParse(PrivateHost, out var address) && !(IPAddress.TryParse(Host, out var host) && (host.Equals(IPAddress.Any) || host.Equals(IPAddress.IPv6Any) || host.Equals(address)))
            ? address
            : null;

    public string? PrivateKubernetesBaseUrl => PrivateAddress is { } address
        ? $"https://{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString())}:{KubePort}"
        : null;

    private string UrlHost => IPAddress.TryParse(Host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Host}]" : Host;

    /// <summary>Parses <c>up</c>'s options; returns the errors (all of them) instead of throwing.</summary>
    public static (LotseOptions Options, List<string> Errors) Parse(IReadOnlyList<string> args)
    {
        var options = new LotseOptions();
        var errors = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            string? Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 < args.Count)
                {
                    return args[++i];
                }

                errors.Add($"{name} needs a value");
                return null;
            }

            int? Port()
            {
                var text = Value();
                if (text is null)
                {
                    return null;
                }

                if (int.TryParse(text, out var port) && port is > 0 and < 65536)
                {
                    return port;
                }

                errors.Add($"{name}: '{text}' is not a port number (1-65535)");
                return null;
            }

            switch (name)
            {
                case "--data":
                    options = Value() is { } dir ? options with { DataDirectory = Path.GetFullPath(dir) } : options;
                    break;
                case "--host":
                    options = Value() is { } host ? options with { Host = host } : options;
                    break;
                case "--private-host":
                    if (Value() is { } privateHost)
                    {
                        if (privateHost != "none" && !IPAddress.TryParse(privateHost, out _))
                        {
                            errors.Add($"--private-host: '{privateHost}' is not an IP address (or 'none')");
                        }

                        options = options with { PrivateHost = privateHost };
                    }

                    break;
                case "--aws-port":
                    options = Port() is { } awsPort ? options with { AwsPort = awsPort } : options;
                    break;
                case "--kube-port":
                    options = Port() is { } kubePort ? options with { KubePort = kubePort } : options;
                    break;
                case "--region":
                    options = Value() is { } region ? options with { Region = region } : options;
                    break;
                default:
                    errors.Add($"unknown option '{args[i]}'");
                    break;
            }
        }

        if (options.AwsPort == options.KubePort)
        {
            errors.Add("--aws-port and --kube-port must differ");
        }

        return (options, errors);
    }
}
