using NeglectAudit.LocalHost;

// Runs the Functions app locally on its embedded defaults (Azurite, local outbox, demo timescale).
// Options: --port N (default 7071), --azurite-ports BLOB,QUEUE,TABLE (default 10000,10001,10002),
// --data FOLDER (Azurite's data; default .localhost/azurite), --no-sample (do not load the sample
// calendar), --verbose (information-level logs), --as-deployed (the app as `azd up` deploys it:
// the template's settings, App Service's front end and authentication, function keys, https, and
// fakes of SendGrid and Graph behind the real clients). Any app setting can also be given as an
// environment variable (e.g. Timescale__SecondsPerDay=60).
return await LocalHostProgram.RunAsync(args);
