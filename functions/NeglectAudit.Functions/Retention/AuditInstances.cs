namespace NeglectAudit.Retention;

/// <summary>
/// Every Durable instance an audit owns, of every kind (<see cref="InstanceIds.Kinds"/>): found by
/// id prefix, then kept only when the id parses back to this audit. Instances started under the old
/// scheme (<see cref="InstanceIds.Legacy"/>) are found too, but only those that can belong to no
/// other existing audit: an ambiguous old id waits until it is the last audit it could name.
/// </summary>
public static class AuditInstances
{
    public static async Task<IReadOnlyList<OrchestrationMetadata>> ListAsync(DurableTaskClient durable, string auditId, IReadOnlyCollection<string> allAuditIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(allAuditIds);
        var result = new Dictionary<string, OrchestrationMetadata>(StringComparer.Ordinal);
        foreach (string kind in InstanceIds.Kinds)
        {
            await foreach (OrchestrationMetadata instance in Query(durable, kind + InstanceIds.Separator + auditId).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (InstanceIds.AuditOf(instance.InstanceId) == auditId)
                {
                    result[instance.InstanceId] = instance;
                }
            }
        }

        foreach (string kind in InstanceIds.Legacy.Kinds)
        {
            await foreach (OrchestrationMetadata instance in Query(durable, kind + InstanceIds.Legacy.Separator + auditId).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                IReadOnlyList<string> candidates = InstanceIds.Legacy.CandidateAudits(instance.InstanceId, allAuditIds.Append(auditId).Distinct(StringComparer.Ordinal));
                if (candidates is [var only] && only == auditId)
                {
                    result[instance.InstanceId] = instance;
                }
            }
        }

        return result.Values.ToList();
    }

    private static Microsoft.DurableTask.AsyncPageable<OrchestrationMetadata> Query(DurableTaskClient durable, string prefix) =>
        durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, FetchInputsAndOutputs = false });
}
