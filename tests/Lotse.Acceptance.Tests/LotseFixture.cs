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
    public IReadOnlyList<string> SubnetIds { get; private set; } = [];

    private IReadOnlyList<string>? _privateSubnetIds;

    public static bool ToolsPresent => Tool.OnPath("aws") && Tool.OnPath("kubectl");

    public async Task InitializeAsync()
    {
        _server = await LotseServer.StartAsync();
        if (ToolsPresent)
        {
            ClusterRoleArn = await CreateClusterRoleAsync(_server);
            SubnetIds = await DefaultSubnetsAsync(_server);
        }
    }

    /// <summary>Two default subnets of the server's default VPC (one per availability zone), as EC2 lists them.</summary>
    public static async Task<IReadOnlyList<string>> DefaultSubnetsAsync(LotseServer server)
    {
        var listed = await server.AwsAsync("ec2", "describe-subnets", "--filters", "Name=default-for-az,Values=true",
            "--query", "Subnets[].SubnetId", "--output", "text");
        var ids = listed.ShouldSucceed().StdOut.Split((char[])['\t', '\n', ' '], StringSplitOptions.RemoveEmptyEntries);
        ids.Length.ShouldBeGreaterThanOrEqualTo(2);
        return ids[..2];
    }

    /// <summary>
    /// Two private subnets (no public IP on launch) of the default VPC in two availability zones, created on first use:
    /// Fargate accepts only private subnets.
    /// </summary>
    public async Task<IReadOnlyList<string>> PrivateSubnetIdsAsync()
    {
        if (_privateSubnetIds is null)
        {
            var vpc = (await Server.AwsAsync("ec2", "describe-subnets", "--subnet-ids", SubnetIds[0], "--query", "Subnets[0].VpcId", "--output", "text"))
                .ShouldSucceed().StdOut.Trim();
            var zones = (await Server.AwsAsync("ec2", "describe-subnets", "--subnet-ids", SubnetIds[0], SubnetIds[1],
                "--query", "Subnets[].AvailabilityZone", "--output", "text")).ShouldSucceed().StdOut.Split((char[])['\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var created = new List<string>();
            foreach (var (cidr, zone) in new[] { "172.31.64.0/20", "172.31.80.0/20" }.Zip(zones))
            {
                created.Add((await Server.AwsAsync("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", cidr, "--availability-zone", zone,
                    "--query", "Subnet.SubnetId", "--output", "text")).ShouldSucceed().StdOut.Trim());
            }

            _privateSubnetIds = created;
        }

        return _privateSubnetIds;
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
