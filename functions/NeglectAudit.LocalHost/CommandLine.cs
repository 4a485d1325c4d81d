using System.Globalization;
using Microsoft.Extensions.Logging;

namespace NeglectAudit.LocalHost;

/// <summary>The local host's command-line options. Anything malformed is refused with a message.</summary>
public static class CommandLine
{
    public static LocalHostSettings Parse(IReadOnlyList<string> args, string repositoryRoot)
    {
        var settings = new LocalHostSettings(repositoryRoot);
        for (int i = 0; i < args.Count; i++)
        {
            settings = args[i] switch
            {
                "--port" => settings with { HttpPort = Port(Value(args, ++i, "--port")) },
                "--azurite-ports" => settings with { AzuritePorts = AzuritePortsFrom(Value(args, ++i, "--azurite-ports")) },
                "--data" => settings with { DataFolder = Path.GetFullPath(Value(args, ++i, "--data")) },
                "--no-sample" => settings with { LoadSampleCalendar = false },
                "--verbose" => settings with { MinimumLogLevel = LogLevel.Information },
                "--as-deployed" => settings with { AsDeployed = true },
                _ => throw new FormatException($"Unknown option {args[i]}. Options: --port N, --azurite-ports B,Q,T, --data FOLDER, --no-sample, --verbose, --as-deployed."),
            };
        }

        return settings;
    }

    private static string Value(IReadOnlyList<string> args, int index, string option) =>
        index < args.Count ? args[index] : throw new FormatException($"{option} needs a value.");

    private static int Port(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536
            ? port
            : throw new FormatException($"{value} is not a port number (1-65535).");

    private static AzuritePorts AzuritePortsFrom(string value)
    {
        string[] parts = value.Split(',');
        return parts.Length == 3
            ? new AzuritePorts(Port(parts[0]), Port(parts[1]), Port(parts[2]))
            : throw new FormatException("--azurite-ports takes three ports: BLOB,QUEUE,TABLE.");
    }
}
