import "./payment.worker.js";
import "./webhook.worker.js";
import "./refund.worker.js";

console.log("✅ All workers started");
