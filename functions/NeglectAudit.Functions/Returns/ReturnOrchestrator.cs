using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using NeglectAudit.Common;
using NeglectAudit.Cycle;

namespace NeglectAudit.Returns;

/// <summary>
/// One agency's return for one case: invite the auditor, then wait for the submission or the
/// deadline, whichever comes first, and close the return from what is stored.
/// </summary>
public static class ReturnOrchestrator
{
    [Function(nameof(ReturnOrchestrator))]
    public static async Task<ReturnOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, ReturnInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger logger = context.CreateReplaySafeLogger(nameof(ReturnOrchestrator));
        var key = new ReturnKey(input.AuditId, input.CaseRef, input.AgencyId);

        await context.CallActivityAsync(nameof(ReturnActivities.SendInvitation), key);

        logger.WaitingForReturn(key, input.Deadline);
        using var deadlineCancellation = new CancellationTokenSource();
        Task<ReturnSubmittedEvent> submitted = context.WaitForExternalEvent<ReturnSubmittedEvent>(ReturnSubmittedEvent.Name);
        Task deadline = context.CreateTimer(input.Deadline.UtcDateTime, deadlineCancellation.Token);
        if (await Task.WhenAny(submitted, deadline) == submitted)
        {
            // An outstanding timer would keep the instance from completing.
            deadlineCancellation.Cancel();
        }

        // The store is the truth: a submission stored just as the deadline fired still counts.
        return await context.CallActivityAsync<ReturnOutcome>(nameof(ReturnActivities.CloseReturn), key);
    }
}
