using Lotse.Server;

const string Usage = """
    Usage: lotse up [--data DIR] [--host H] [--aws-port N] [--kube-port N] [--region R]

      up      Run Lotse in the foreground until Ctrl-C or SIGTERM.
              --data DIR      data directory (default: ./.lotse); holds the store and DIR/env
              --host H        address to listen on and advertise (default: 127.0.0.1)
              --aws-port N    AWS endpoint port, http: eks, iam, sts, logs (default: 5580)
              --kube-port N   Kubernetes endpoint port, https (default: 5443)
              --region R      region written to DIR/env (default: us-east-1)
      version Print the version.
    """;

switch (args)
{
    case ["up", .. var rest]:
        var (options, errors) = LotseOptions.Parse(rest);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine($"lotse up: {error}");
            }

            Console.Error.WriteLine(Usage);
            return 2;
        }

        return await LotseHost.RunAsync(options);
    case ["version"]:
        Console.WriteLine($"lotse {LotseHost.Version}");
        return 0;
    case [] or ["help" or "--help" or "-h"]:
        Console.WriteLine(Usage);
        return args.Length == 0 ? 2 : 0;
    default:
        Console.Error.WriteLine($"lotse: unknown command '{string.Join(' ', args)}'");
        Console.Error.WriteLine(Usage);
        return 2;
}
