// What must wake someone: an action group mailing the operators, and one alert per failure that
// matters. The app's own signals (metric names in functions/NeglectAudit.Functions/Telemetry/
// AlertSignals.cs) are asserted by a test that captures what the app emits when things fail; the
// Durable engine's orchestration states come from the Functions host's Durable tracking events.
// docs/OPERATIONS.md says what each alert means and what to do.
param location string
param tags object
param namePrefix string
param applicationInsightsId string
param appUrl string
param storageAccountId string

@description('Address the alerts go to (a monitored mailbox).')
param alertEmail string

@description('Re-alert rounds of an immediate-risk alert without acknowledgement before the operators are told.')
param unacknowledgedRounds int

@description('Messages waiting in the task hub\'s queues (control and work items) before the backlog alert fires.')
param queueBacklogThreshold int

@description('Expiry date (yyyy-MM-dd) of the Entra client secret; empty: no expiry alert.')
param entraCredentialExpiry string

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'auditops'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var queryAlerts = [
  {
    name: 'immediate-risk-failed'
    severity: 0
    description: 'An immediate-risk alert orchestration failed or was terminated, could not be started, or a round could not be sent.'
    query: 'union (traces | where tostring(customDimensions.Category) == "Host.Triggers.DurableTask" and tostring(customDimensions.prop__functionName) == "ImmediateRiskOrchestrator" and tostring(customDimensions.prop__state) in ("Failed", "Terminated")), (customMetrics | where name == "neglectaudit.immediate_risk.failures" and valueSum > 0)'
    window: 'PT5M'
  }
  {
    name: 'immediate-risk-unacknowledged'
    severity: 1
    description: 'An immediate-risk alert has been re-sent ${unacknowledgedRounds} times and nobody has acknowledged it.'
    query: 'customMetrics | where name == "neglectaudit.immediate_risk.round" and valueMax >= ${unacknowledgedRounds}'
    window: 'PT15M'
  }
  {
    name: 'send-failed'
    severity: 1
    description: 'An email or Teams notice (invitation, reminder, immediate-risk alert) failed to send.'
    query: 'customMetrics | where name == "neglectaudit.notifications.failed" and valueSum > 0'
    window: 'PT15M'
  }
  {
    name: 'http-5xx-rate'
    severity: 2
    description: 'More than 5% of requests answered 5xx over 15 minutes (with at least 10 requests).'
    query: 'requests | summarize total = count(), failed = countif(toint(resultCode) >= 500) | where total >= 10 and failed * 100.0 / total > 5'
    window: 'PT15M'
  }
]

resource whenSignalSeen 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = [for alert in queryAlerts: {
  name: '${alert.name}-${namePrefix}'
  location: location
  tags: tags
  properties: {
    displayName: alert.name
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: alert.window
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        operators.id
      ]
    }
  }
}]

// Counters are exported as sums per export interval (customMetrics.valueSum); a row with a zero sum
// is not an event, hence `valueSum > 0` in the queries.
// Silence is the failure here: no run of the timer that starts due audits for 15 minutes.
resource startDueAuditsSilent 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'start-due-audits-not-run-${namePrefix}'
  location: location
  tags: tags
  properties: {
    displayName: 'start-due-audits-not-run'
    description: 'The StartDueAudits timer has not run for 15 minutes: audits due to start are not starting.'
    severity: 1
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "neglectaudit.timer.runs" and tostring(customDimensions.function) == "StartDueAudits" and valueSum > 0'
          timeAggregation: 'Count'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        operators.id
      ]
    }
  }
}

resource entraCredentialExpiring 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = if (!empty(entraCredentialExpiry)) {
  name: 'client-secret-expiring-${namePrefix}'
  location: location
  tags: tags
  properties: {
    displayName: 'client-secret-expiring'
    description: 'The Entra client secret (sign-in and Teams notices) expires within 30 days. Rotate it: docs/OPERATIONS.md.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT6H'
    windowSize: 'PT6H'
    criteria: {
      allOf: [
        {
          query: 'print daysLeft = datetime_diff("day", datetime(${entraCredentialExpiry}), now()) | where daysLeft <= 30'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: {
      actionGroups: [
        operators.id
      ]
    }
  }
}

resource healthCheck 'Microsoft.Insights/webtests@2022-06-15' = {
  name: 'health-${namePrefix}'
  location: location
  tags: union(tags, {
    'hidden-link:${applicationInsightsId}': 'Resource'
  })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: 'health-${namePrefix}'
    Name: 'GET /api/health'
    Kind: 'standard'
    Enabled: true
    Frequency: 300
    Timeout: 30
    RetryEnabled: true
    Locations: [
      { Id: 'emea-gb-db3-azr' }
      { Id: 'emea-ru-msa-edge' }
      { Id: 'emea-nl-ams-azr' }
      { Id: 'emea-fr-pra-edge' }
      { Id: 'us-va-ash-azr' }
    ]
    Request: {
      RequestUrl: '${appUrl}/api/health'
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 14
    }
  }
}

resource appDown 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'app-down-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    description: '/api/health failed from two or more test locations: the app, its storage or the Durable engine is down.'
    severity: 0
    enabled: true
    scopes: [
      healthCheck.id
      applicationInsightsId
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthCheck.id
      componentId: applicationInsightsId
      failedLocationCount: 2
    }
    actions: [
      {
        actionGroupId: operators.id
      }
    ]
  }
}

// Queue metrics are account-wide and hourly; the task hub's control and work-item queues are the
// only queues in this account, so a standing count is the Durable backlog.
resource queueBacklog 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'durable-backlog-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    description: 'Messages are piling up in the task hub\'s queues: orchestrations are not keeping up or not running.'
    severity: 2
    enabled: true
    scopes: [
      '${storageAccountId}/queueServices/default'
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT6H'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'backlog'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.Storage/storageAccounts/queueServices'
          metricName: 'QueueMessageCount'
          operator: 'GreaterThan'
          threshold: queueBacklogThreshold
          timeAggregation: 'Average'
        }
      ]
    }
    actions: [
      {
        actionGroupId: operators.id
      }
    ]
  }
}

output actionGroupId string = operators.id
