using Microsoft.Extensions.Configuration;
using NeglectAudit.FaultHost;
using NeglectAudit.LocalHost;

// The local host with kill points: the same options as the local host, and the kill points named
// by the setting FaultInjection:KillAt (environment FaultInjection__KillAt). Without it, this is
// exactly the local host. See README.md "Benchmarks and the fault harness".
IReadOnlyList<KillPoint> killPoints = FaultInjectionServices.KillPoints(new ConfigurationBuilder().AddEnvironmentVariables().Build());
return await LocalHostProgram.RunAsync(args, settings => settings with { ConfigureWorker = worker => worker.AddFaultInjection(killPoints) });
