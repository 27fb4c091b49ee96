// Initiates the replica set rs0 of compose.yaml once, then waits until it has a primary.
// Run by the one-shot mongo-init service: mongosh --host mongo-1:27017 /scripts/init-replica-set.js
// Safe to run again: an initiated set is left as it is. Exits non-zero when no primary appears,
// so the app instances (which wait for mongo-init to complete successfully) never start without one.

const config = {
  _id: "rs0",
  members: [
    { _id: 0, host: "mongo-1:27017" },
    { _id: 1, host: "mongo-2:27017" },
    { _id: 2, host: "mongo-3:27017" },
  ],
};

let initiated = true;
try {
  rs.status();
} catch (e) {
  // 94 NotYetInitialized: a fresh set. Anything else is a real problem: let it fail the service.
  if (e.code !== 94 && e.codeName !== "NotYetInitialized") {
    throw e;
  }
  initiated = false;
}

if (initiated) {
  print("Replica set rs0 is initiated already");
} else {
  print("Initiating replica set rs0 with mongo-1, mongo-2, mongo-3");
  const result = rs.initiate(config);
  if (result.ok !== 1) {
    print("rs.initiate failed: " + JSON.stringify(result));
    quit(1);
  }
}

const deadline = Date.now() + 120 * 1000;
for (;;) {
  const hello = db.adminCommand({ hello: 1 });
  if (hello.primary) {
    print("Replica set rs0 has a primary: " + hello.primary);
    break;
  }
  if (Date.now() > deadline) {
    print("Replica set rs0 has no primary after 120 s: " + JSON.stringify(rs.status().members));
    quit(1);
  }
  sleep(1000);
}
