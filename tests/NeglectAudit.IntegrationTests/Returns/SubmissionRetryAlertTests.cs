using System.Net;
using Microsoft.DurableTask.Client;
using NeglectAudit.Common;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.IntegrationTests.Infrastructure;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Returns;

/// <summary>
/// A submission is stored before anyone is told of it; a host that dies in between leaves the
/// answers stored and the alert not started. The auditor's retry (the same answers from the same
/// page) finds them stored, and starts the alert then. (Found by the fault harness: a kill at
/// after:submission-stored on a yes.)
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed class SubmissionRetryAlertTests(LocalHostFixture host)
{
    [Fact]
    public async Task A_retried_yes_whose_alert_never_started_starts_it()
    {
        string auditId = NewAuditId("riskretry");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-R-03"));
        string link = await host.InvitationLinkAsync(auditId, "NA-R-03", Police.Auditor.Email);
        string instanceId = ImmediateRiskStarter.InstanceId(new ReturnKey(auditId, "NA-R-03", "police"), 1);
        using var auditor = new AuditorSession(host);
        await auditor.OpenAsync(link);
        using (HttpResponseMessage first = await auditor.SubmitAsync(CompleteAnswers(rightNow: "yes")))
        {
            Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        }

        // As the host that died after storing the answers leaves it: the answers stored, no alert instance.
        await host.Durable.TerminateInstanceAsync(instanceId);
        await LocalHostFixture.WaitUntilAsync(
            async () => (await host.Durable.GetInstanceAsync(instanceId))?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated,
            TimeSpan.FromSeconds(60),
            "the alert instance terminated");
        await LocalHostFixture.WaitUntilAsync(
            async () =>
            {
                // A work item of the terminated instance may still be finishing: purge until it is gone.
                await host.Durable.PurgeInstanceAsync(instanceId);
                return await host.Durable.GetInstanceAsync(instanceId) is null;
            },
            TimeSpan.FromSeconds(60),
            "the alert instance purged");

        using (HttpResponseMessage retried = await auditor.SubmitAsync(CompleteAnswers(rightNow: "yes")))
        {
            Assert.True(retried.StatusCode is HttpStatusCode.SeeOther or HttpStatusCode.Conflict, $"The retry answered {(int)retried.StatusCode}.");
        }

        OrchestrationMetadata? alert = await host.Durable.GetInstanceAsync(instanceId);
        Assert.NotNull(alert);
        Assert.Equal(1, (await host.Store.GetReturnAsync(new ReturnKey(auditId, "NA-R-03", "police")))!.Value.SubmittedVersion);
        await host.Durable.RaiseEventAsync(instanceId, AcknowledgedEvent.Name, new AcknowledgedEvent("test"));
    }
}
