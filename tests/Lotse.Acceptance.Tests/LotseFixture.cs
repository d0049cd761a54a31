namespace Lotse.Acceptance.Tests;

/// <summary>One Lotse process shared by the tests of a class; each test uses its own cluster names.</summary>
public sealed class LotseFixture : IAsyncLifetime
{
    public const string TrustPolicy = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}
        """;

    private LotseServer? _server;

    public LotseServer Server => _server ?? throw new InvalidOperationException("not started");

    /// <summary>The ARN of <c>eksClusterRole</c>, created once per server.</summary>
    public string ClusterRoleArn { get; private set; } = "";

    /// <summary>Subnets a cluster or node group can use (two availability zones, one VPC), as <c>subnetIds=</c> takes them.</summary>
    public string SubnetIdsCsv => string.Join(',', SubnetIds);

    /// <summary>Subnets of the installation's default VPC, in different availability zones.</summary>
    public IReadOnlyList<string> SubnetIds { get; private set; } = ["subnet-0a1", "subnet-0b2"];

    public static bool ToolsPresent => Tool.OnPath("aws") && Tool.OnPath("kubectl");

    public async Task InitializeAsync()
    {
        _server = await LotseServer.StartAsync();
        if (ToolsPresent)
        {
            ClusterRoleArn = await CreateClusterRoleAsync(_server);
        }
    }

    public static async Task<string> CreateClusterRoleAsync(LotseServer server, string roleName = "eksClusterRole")
    {
        var trust = Path.Combine(server.Home, $"{roleName}-trust.json");
        await File.WriteAllTextAsync(trust, TrustPolicy);
        var created = await server.AwsAsync("iam", "create-role", "--role-name", roleName, "--assume-role-policy-document", $"file://{trust}",
            "--query", "Role.Arn", "--output", "text");
        return created.ShouldSucceed().StdOut.Trim();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
