import { AgentStatus, Role } from "../db/generated/enums";
import type { SeededRandom } from "./seeded-random";

/**
 * What the demo is made of: the two businesses (Acme, a web shop; Globex, an energy supplier),
 * their staff, help articles and the lines people say in chats. Plain data (plus how each business
 * formats its ids); demo-generator.server turns it into rows.
 */

/** One kind of support request, with lines for each participant. Placeholders: {first} {customer} {order} {amount} {days} {account}. */
export interface Topic {
  weight: number;
  openers: readonly string[];
  assistantAnswers: readonly string[];
  followUps: readonly string[];
  assistantFollowUps: readonly string[];
  agentAnswers: readonly string[];
  handoffReasons: readonly string[];
  handoffSummary: string;
}

interface Article {
  title: string;
  body: string;
}

const ACME_TOPICS: readonly Topic[] = [
  {
    weight: 18,
    openers: [
      "Hi, where is my order {order}? It still says processing.",
      "Can you tell me when order {order} will arrive?",
      "I ordered a jacket last week (order {order}) and haven't heard anything since.",
      "My tracking link for {order} hasn't updated in three days.",
    ],
    assistantAnswers: [
      "I found order {order}. It left our warehouse on Tuesday and the carrier estimates delivery in {days} business days. You can follow it with the tracking link in your shipping confirmation email.",
      "Order {order} is packed and waiting for the carrier pickup. Most orders ship within 1-2 business days, and standard delivery takes {days} business days after that.",
      "Thanks! Order {order} is on its way. Tracking updates can pause for a day or two while the parcel moves between carrier hubs, that's normal.",
    ],
    followUps: ["The tracking page says delivered but there's nothing at my door.", "Can it be delivered to my office instead?", "Is there any way to speed it up? I need it by Friday."],
    assistantFollowUps: [
      "Carriers sometimes mark parcels as delivered a few hours early. If it hasn't shown up by tomorrow evening, let me know and we'll open a trace with the carrier.",
      "I can't change the delivery address once the parcel is with the carrier, but you can request a redirect from the carrier's tracking page.",
    ],
    agentAnswers: [
      "I've opened a trace with the carrier for {order}. They usually reply within 48 hours and I'll email you as soon as they do.",
      "I checked with the warehouse: {order} was split into two parcels, and the second one ships today. You'll get a separate tracking email.",
      "I've upgraded {order} to express delivery at no cost, so it should reach you within 2 business days.",
      "The carrier confirmed the parcel is at your local depot. It's scheduled for delivery tomorrow before 6 pm.",
    ],
    handoffReasons: ["Parcel marked delivered but not received", "Customer asked for a person", "Delivery needed by a deadline"],
    handoffSummary:
      "{customer} is asking about order {order}: tracking hasn't updated and the parcel hasn't arrived. The assistant shared the delivery estimate; the customer wants someone to check with the carrier.",
  },
  {
    weight: 16,
    openers: [
      "I'd like a refund for order {order}, the shoes don't fit.",
      "How do I get a refund? I returned my order two weeks ago and still haven't got my money back.",
      "I was promised a refund of {amount} but I haven't seen it on my card.",
      "Can I return something I bought on sale?",
    ],
    assistantAnswers: [
      "You can return unworn items within 30 days of delivery for a full refund. Start the return from Orders > {order} > Return items, print the label, and we refund you within 5 business days of receiving the parcel.",
      "Refunds go back to the original payment method. Once the warehouse receives your return it takes up to 5 business days for us to issue the refund, and your bank may need another 3-5 days to show it.",
      "Sale items can be returned within 14 days for a refund, or within 30 days for store credit. Would you like me to start the return for you?",
    ],
    followUps: ["It's been more than ten days since you received it though.", "Can I get store credit instead?", "Do I have to pay for the return shipping?"],
    assistantFollowUps: [
      "Return shipping is free for customers in the US. Outside the US, the cost of the label is deducted from the refund.",
      "Yes, store credit is issued as soon as the carrier scans your return parcel.",
    ],
    agentAnswers: [
      "I can see the return for {order} arrived at our warehouse on Monday. I've pushed the refund of {amount} through now, it should show on your statement within 3-5 business days.",
      "I've issued a refund of {amount} to your original payment method. You'll get a confirmation email in a few minutes.",
      "The refund was delayed because the return was missing the packing slip. That's sorted now and the refund of {amount} is on its way.",
      "I've made an exception and approved the return even though it's past the 30 days. I've emailed you a prepaid label.",
    ],
    handoffReasons: ["Refund not received", "Refund outside the return window", "Customer asked for a person"],
    handoffSummary: "{customer} is waiting for a refund of {amount} for order {order}. The assistant explained the refund timeline; the customer says it is overdue and wants it checked.",
  },
  {
    weight: 12,
    openers: ["How long does shipping take to Canada?", "Do you offer next-day delivery?", "What are your shipping costs? The checkout shows {amount} which seems high."],
    assistantAnswers: [
      "Standard shipping takes 3-5 business days in the US and 7-12 business days for international orders. Express delivery takes 1-2 business days.",
      "Orders over $50 ship free within the US. Below that, standard shipping is $5.95 and express is $14.95. International rates are shown at checkout.",
    ],
    followUps: ["Will I have to pay customs fees?", "If I order today, will it arrive before the weekend?", "Can you ship to a PO box?"],
    assistantFollowUps: [
      "International orders may be charged import duties by your country's customs office; those fees are paid to the carrier on delivery.",
      "Orders placed before 2 pm Eastern on a business day ship the same day.",
    ],
    agentAnswers: [
      "I've checked with our shipping team: express orders placed before 2 pm ship the same day, so if you order now it should arrive on Thursday.",
      "We can ship to PO boxes with standard delivery only. Express carriers need a street address.",
      "For Canada we ship duties-paid, so there won't be any extra fees on delivery.",
    ],
    handoffReasons: ["Question about customs fees", "Customer asked for a person"],
    handoffSummary: "{customer} has questions about shipping times and costs for an upcoming order. The assistant shared the standard rates; the customer needs a delivery date confirmed.",
  },
  {
    weight: 12,
    openers: ["I can't log in, I forgot my password.", "The password reset email never arrives.", "How do I change my password?", "It says my account is locked after too many attempts."],
    assistantAnswers: [
      "You can reset your password from the sign-in page: click \"Forgot password?\", enter your email, and we'll send you a reset link that's valid for 60 minutes.",
      "Reset emails usually arrive within a couple of minutes. Please check your spam or promotions folder, and make sure you use the same email address as on your account.",
      "After five failed attempts the account is locked for 15 minutes for your security. After that, you can sign in again or request a password reset link.",
    ],
    followUps: ["I tried that twice and got nothing.", "The link says it has expired.", "I don't have access to that email address anymore."],
    assistantFollowUps: [
      "Reset links expire after 60 minutes and only the newest link works. Please request a new one and use it straight away.",
      "I've sent a fresh reset link to the email on your account.",
    ],
    agentAnswers: [
      "I can see our emails to your address were bouncing. I've fixed that and sent a new password reset link, it should be there now.",
      "To change the email on your account I need to verify your identity first. Could you confirm your last order number and the postcode it shipped to?",
      "Thanks, you're verified. I've updated your email address and sent the reset link to the new one.",
      "I've unlocked your account, you can sign in again now.",
    ],
    handoffReasons: ["Reset email not arriving", "Customer lost access to their email", "Customer asked for a person"],
    handoffSummary: "{customer} cannot sign in: password reset emails are not arriving. The assistant explained the reset steps; the customer needs the account email checked.",
  },
  {
    weight: 12,
    openers: [
      "I was charged twice for order {order}.",
      "Can I get an invoice with my company's VAT number?",
      "Why is there a pending charge of {amount} on my card?",
      "My payment was declined but the money left my account.",
    ],
    assistantAnswers: [
      "A second charge is often a temporary authorization hold that your bank releases within 3-5 business days. Only one payment for order {order} is captured.",
      "You can download an invoice from Orders > {order} > Invoice. To add company details, update your billing profile and download it again.",
      "When a payment is declined, the amount is only reserved, not taken, and your bank releases it automatically, usually within a few days.",
    ],
    followUps: ["It's been a week and both charges are still there.", "The invoice still shows my personal name.", "Which payment methods do you accept?"],
    assistantFollowUps: ["We accept Visa, Mastercard, American Express, PayPal and Apple Pay.", "Invoices are generated when the order ships; changes to the billing profile apply to new invoices."],
    agentAnswers: [
      "You're right, the payment for {order} went through twice. I've refunded the duplicate charge of {amount}; you'll see it back on your card within 3-5 business days.",
      "I've regenerated the invoice for {order} with your company name and VAT number and emailed it to you.",
      "I checked with our payment provider: only one charge of {amount} was captured. The other one is a hold that expires on its own by Friday.",
    ],
    handoffReasons: ["Possible duplicate charge", "Invoice correction", "Customer asked for a person"],
    handoffSummary: "{customer} reports a duplicate charge of {amount} for order {order}. The assistant explained authorization holds; the customer says both charges have settled.",
  },
  {
    weight: 10,
    openers: ["My order {order} arrived damaged, the box was crushed.", "One item is missing from my parcel.", "I received the wrong size in order {order}."],
    assistantAnswers: [
      "I'm sorry about that! Could you send a photo of the item and the packaging? Then we can send a replacement or issue a refund.",
      "Sorry to hear that. Sometimes large orders ship in more than one parcel. Your shipping confirmation email lists what's in each one.",
    ],
    followUps: ["I've uploaded the photos. I'd prefer a replacement.", "Everything was supposed to come in one box.", "Do I need to send the damaged one back?"],
    assistantFollowUps: ["Thanks, I've attached your photos to the order so the team can arrange a replacement.", "No need to send damaged items back unless we ask for them."],
    agentAnswers: [
      "Thanks for the photos. I've sent a free replacement for {order} by express delivery, you'll get the tracking email shortly. No need to return the damaged one.",
      "I checked the packing record and the item was indeed left out. I've shipped it today at no charge.",
      "I've arranged an exchange: print the prepaid label I just emailed you, and we'll ship the right size as soon as the carrier scans the parcel.",
    ],
    handoffReasons: ["Damaged item, replacement requested", "Missing item", "Wrong item sent"],
    handoffSummary: "{customer} received order {order} damaged or incomplete and wants a replacement. Photos are attached to the order.",
  },
  {
    weight: 10,
    openers: ["Can I cancel order {order}? I ordered the wrong color.", "I need to change the delivery address on {order}.", "Can I add something to the order I placed an hour ago?"],
    assistantAnswers: [
      "Orders can be changed or cancelled until they are packed, usually within an hour of ordering. Order {order} is still being processed, so a teammate can update it.",
      "Order {order} has already been packed, so it can't be cancelled anymore, but you can return it for free once it arrives.",
    ],
    followUps: ["Please cancel it, I'll order the right one.", "The new address is in the same city, does that help?", "Can you just change the color instead?"],
    assistantFollowUps: ["If the order is already packed, you'll be able to return it for free once it arrives."],
    agentAnswers: [
      "Done, I've cancelled {order} before it was packed. The refund of {amount} goes back to your card within 3-5 business days.",
      "I've updated the delivery address on {order}. You'll receive an updated confirmation email.",
      "I've swapped the color on {order}; the price is the same, so there's nothing else for you to do.",
    ],
    handoffReasons: ["Order change before packing", "Cancellation request", "Customer asked for a person"],
    handoffSummary: "{customer} wants to change or cancel order {order}, placed recently. The assistant confirmed it may still be editable.",
  },
  {
    weight: 8,
    openers: ["My discount code WELCOME10 isn't working.", "Do you have any promotions right now?", "I forgot to apply my coupon to order {order}, can you still apply it?"],
    assistantAnswers: [
      "Discount codes can't be combined with sale prices, and each code can only be used once per account. Could that be the reason?",
      "Codes need to be entered at checkout before payment; they can't be added to an order that's already placed, but a teammate may be able to refund the difference.",
    ],
    followUps: ["None of the items in my cart are on sale.", "It's my first order, so the code should work."],
    assistantFollowUps: ["Please make sure there are no spaces before or after the code."],
    agentAnswers: [
      "The code expired yesterday. As a one-off I've refunded the 10% ({amount}) to your card.",
      "I've applied the discount to {order} and refunded the difference of {amount}.",
      "There was a problem with that code on our side, it's fixed now. Please try again at checkout.",
    ],
    handoffReasons: ["Discount code rejected", "Coupon forgotten at checkout"],
    handoffSummary: "{customer} could not use a discount code on order {order}. The assistant went through the usual causes; none apply.",
  },
];

const GLOBEX_TOPICS: readonly Topic[] = [
  {
    weight: 30,
    openers: ["My latest bill is {amount}, that's almost double what I normally pay.", "Why has my energy bill gone up so much?", "I think my bill is based on an estimated reading."],
    assistantAnswers: [
      'Bills can rise when they are based on an estimated meter reading, after a tariff change, or during colder months. Your bill shows an "E" next to estimated readings.',
      "If your bill was estimated, submitting a meter reading today will let us send you a corrected bill within 5 working days.",
    ],
    followUps: ["Yes, there's an E next to the reading.", "I'm on a fixed tariff, so the price shouldn't change.", "Can you check the reading you used?"],
    assistantFollowUps: ["You can submit a reading under Account > Meter readings. Please include a photo of the meter if you can."],
    agentAnswers: [
      "I've looked at account {account}: your last two bills used estimated readings, which were too high. I've entered your actual reading and the corrected bill is {amount} lower.",
      "Your fixed tariff ended on the 1st and you were moved to the standard variable rate. I can switch you to a new fixed tariff today, backdated to the 1st.",
      "I've put a hold on the payment for this bill while we recalculate it, so you won't be charged until the corrected bill is ready.",
    ],
    handoffReasons: ["Disputed bill", "Estimated reading too high", "Customer asked for a person"],
    handoffSummary: "{customer} (account {account}) disputes a bill of {amount}, which was based on an estimated reading.",
  },
  {
    weight: 25,
    openers: ["How do I submit a meter reading?", "I tried to submit my gas reading but the website says it's too low.", "My meter reading was rejected.", "Where do I find my meter serial number?"],
    assistantAnswers: [
      "You can submit readings online under Account > Meter readings, or reply to the reminder email. Enter the numbers from left to right, ignoring anything after the decimal point or in red.",
      "A reading is flagged when it's much lower than we expect. Please double-check the digits and add a photo of the meter, and we'll review it manually.",
      "The serial number is printed on the front of the meter, usually starting with letters, and also appears on your bill.",
    ],
    followUps: ["I've checked it twice, the reading is correct.", "I have a smart meter, why do I need to send readings?"],
    assistantFollowUps: ["Smart meters normally send readings automatically. If yours stopped, we may need to reconnect it remotely."],
    agentAnswers: [
      "Thanks for the photo. I've accepted the reading manually for account {account} and your next bill will use it.",
      "Your smart meter stopped reporting on the 3rd. I've reset the connection remotely, and readings should come through again within 24 hours.",
      "I've booked a meter engineer visit to check the meter; you'll get an email with the appointment options.",
    ],
    handoffReasons: ["Meter reading rejected", "Smart meter not reporting"],
    handoffSummary: "{customer} (account {account}) is trying to submit a meter reading that our system rejected.",
  },
  {
    weight: 20,
    openers: ["I'm moving house next month, what do I need to do?", "I've moved out, how do I close my account?", "Can I take my Globex tariff to my new address?"],
    assistantAnswers: [
      "Please tell us your moving date at least 2 days in advance and take meter readings on the day you move. We'll send a final bill to your new address.",
      "You can move your tariff to your new home if we supply energy there. Otherwise we'll close the account and send you a final bill within 14 days.",
    ],
    followUps: ["I already moved last week, is it too late?", "What happens to my credit balance?"],
    assistantFollowUps: ["Any credit on your account is refunded to your bank account after the final bill."],
    agentAnswers: [
      "No problem, I've set your move-out date to last Friday. Please send the readings from that day if you have them, and your final bill will follow within 14 days.",
      "I've moved your tariff to the new address from the 15th; there's no exit fee.",
      "Your final bill left a credit of {amount}. I've arranged a refund to your bank account within 5 working days.",
    ],
    handoffReasons: ["Move-out already happened", "Tariff transfer to new address"],
    handoffSummary: "{customer} (account {account}) is moving house and needs the account moved or closed.",
  },
  {
    weight: 15,
    openers: ["I can't pay my bill of {amount} in one go.", "How do I set up a direct debit?", "My direct debit amount went up, why?"],
    assistantAnswers: [
      "We can spread the cost of a bill over several months with a payment plan. A teammate can set one up for you.",
      "You can set up a direct debit under Account > Payments. We review the amount every six months based on your usage.",
    ],
    followUps: ["Could I pay it over three months?", "The new amount is too high for me."],
    assistantFollowUps: ["Direct debit amounts are based on your expected usage over the next 12 months."],
    agentAnswers: [
      "I've set up a payment plan: {amount} will be split into three monthly payments, starting on the 1st.",
      "I've lowered your monthly direct debit, since your account is in credit. The change applies from next month.",
      "I've added a 30-day payment hold to your account while you arrange the payment, so no late fees will apply.",
    ],
    handoffReasons: ["Payment plan request", "Direct debit amount dispute"],
    handoffSummary: "{customer} (account {account}) needs help paying a bill of {amount}.",
  },
  {
    weight: 10,
    openers: ["The power is out on my whole street.", "Is there a planned outage in my area today?"],
    assistantAnswers: [
      "Power cuts are handled by your local network operator. You can call 105 free of charge to report a power cut or check for updates.",
      "Planned work is announced at least 2 days in advance by post. You can also check the network operator's outage map.",
    ],
    followUps: ["Will I be compensated for the outage?"],
    assistantFollowUps: ["Outages longer than 12 hours may qualify for compensation from the network operator."],
    agentAnswers: [
      "The network operator confirms a fault in your area; engineers expect to restore power by 6 pm.",
      "I've logged the outage on account {account}; if it lasts more than 12 hours you'll receive compensation automatically.",
    ],
    handoffReasons: ["Outage compensation question"],
    handoffSummary: "{customer} (account {account}) reports a power outage and asks about compensation.",
  },
];

export const ESCALATIONS = [
  "Can I talk to a person please?",
  "I'd like to speak to a human.",
  "That doesn't really help, can someone from the team look at this?",
  "Is there a real person I can talk to?",
  "Agent please",
  "I need someone to check my account.",
];
export const TRANSFER_NOTICES = [
  "Transferred to a person. A member of the team will be with you shortly.",
  "Transferred to a person. You're in the queue.",
  "Connecting you with a member of our support team...",
];
export const JOIN_NOTICES = ["{agent} joined the conversation.", "{agent} joined the chat."];
export const AGENT_GREETINGS = [
  "Hi {first}, this is {agent} from {brand} support, thanks for waiting.",
  "Hello {first}! {agent} here, I'm taking over from the assistant.",
  "Hi {first}, I'm {agent}. I've read through your conversation with the assistant.",
];
export const AGENT_CLOSINGS = [
  "Is there anything else I can help you with today?",
  "All sorted! Have a great day.",
  "I'll close this chat now, feel free to reach out again anytime.",
  "Glad we could fix that. Take care!",
];
export const CUSTOMER_THANKS = ["Thanks, that helps!", "Perfect, thank you.", "Great, thanks a lot!", "Ok thanks", "Thank you so much!", "That's all, thanks."];
export const ASSISTANT_CLOSINGS = ["You're welcome! Is there anything else I can help with?", "Happy to help. Have a great day!", "Glad I could help!"];
export const CUSTOMER_WAITING = ["Hello? Is anyone there?", "I've been waiting a while now...", "I'll try again later."];
export const RATING_COMMENTS = {
  good: ["Quick and helpful, thanks!", "Solved in minutes.", "Very friendly support.", "Easy, got my answer right away.", "Great service as always."],
  mixed: ["Took a while but it got sorted.", "OK, but I had to explain twice.", "Fine."],
  bad: ["Waited too long for a person.", "Still not resolved.", "The bot didn't understand my question.", "Nobody answered."],
} as const;

export const FIRST_NAMES = [
  "Emma",
  "Noah",
  "Olivia",
  "Liam",
  "Ava",
  "Lucas",
  "Mia",
  "Ethan",
  "Amelia",
  "Mateo",
  "Harper",
  "Elijah",
  "Chloe",
  "James",
  "Zoe",
  "Daniel",
  "Nora",
  "Samuel",
  "Leah",
  "David",
  "Hannah",
  "Omar",
  "Aisha",
  "Ravi",
  "Priya",
  "Kenji",
  "Yuki",
  "Lars",
  "Ingrid",
  "Pablo",
  "Lucia",
  "Tomasz",
  "Anna",
  "Felix",
  "Clara",
  "Jonas",
  "Fatima",
  "Diego",
  "Grace",
  "Isaac",
];
export const LAST_NAMES = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Garcia",
  "Miller",
  "Davis",
  "Martinez",
  "Lopez",
  "Wilson",
  "Anderson",
  "Taylor",
  "Thomas",
  "Moore",
  "Jackson",
  "Martin",
  "Lee",
  "Thompson",
  "White",
  "Harris",
  "Clark",
  "Lewis",
  "Walker",
  "Young",
  "Allen",
  "King",
  "Wright",
  "Scott",
  "Nguyen",
  "Hill",
  "Patel",
  "Kim",
  "Novak",
  "Schmidt",
  "Rossi",
  "Jensen",
  "Dubois",
  "Silva",
  "Kowalski",
  "Tanaka",
];
export const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"];

const ACME_ARTICLES: readonly Article[] = [
  {
    title: "Refund policy: how to get a refund",
    body: [
      "You can return most items within 30 days of delivery for a full refund. Items must be unworn and unwashed, with the original tags attached. Sale items can be returned within 14 days for a refund, or within 30 days for store credit.",
      "To start a return, sign in, open Orders, choose the order and click Return items. Select the items and the reason, then print the prepaid return label we email you. Drop the parcel at any carrier location. Return shipping is free in the US; for international returns the cost of the label is deducted from your refund.",
      "When will I get my refund? We issue the refund within 5 business days after the warehouse receives your return. Refunds always go back to the original payment method. Your bank may take another 3-5 business days to show the money on your statement. You will get a confirmation email as soon as the refund is issued.",
      "If your refund is late, check that the return has been delivered to us using the tracking number on your label, then contact support with the order number and we will look into it.",
    ].join("\n\n"),
  },
  {
    title: "Shipping times and delivery estimates",
    body: [
      "Orders placed before 2 pm Eastern time on a business day ship the same day. Orders placed later, or on weekends and holidays, ship the next business day.",
      "Delivery estimates: standard shipping within the US takes 3-5 business days, express shipping takes 1-2 business days, and international delivery takes 7-12 business days depending on the destination and customs.",
      "Shipping costs: standard shipping is free on US orders over $50; below that it costs $5.95. Express shipping costs $14.95. International shipping rates and any import duties are shown at checkout.",
      "You will receive a shipping confirmation email with a tracking link as soon as your parcel leaves our warehouse. Tracking can pause for a day or two while the parcel moves between carrier hubs. If tracking shows delivered but you cannot find the parcel, wait until the end of the next day, then contact support so we can open a trace with the carrier.",
    ].join("\n\n"),
  },
  {
    title: "How to reset your password",
    body: [
      "If you forgot your password, go to the sign-in page and click Forgot password. Enter the email address you used to create your account and we will send you an email link to reset your password.",
      "The reset link is valid for 60 minutes and can be used once. If you request several links, only the newest one works. Choose a new password of at least 10 characters that you don't use on other websites.",
      "Didn't get the reset email? It usually arrives within a couple of minutes. Check your spam, junk or promotions folder, and make sure you entered the same email address as on your account. Some company email servers delay messages from unknown senders.",
      "After five failed sign-in attempts your account is locked for 15 minutes to protect it. If you no longer have access to the email address on your account, contact support: we will verify your identity with a recent order number before changing the email.",
    ].join("\n\n"),
  },
  {
    title: "Tracking your order",
    body: [
      "Every order gets a confirmation email right after checkout and a shipping email with a tracking number once it leaves our warehouse. You can also see the status of all your orders under Orders in your account.",
      "Order statuses: Processing means we are picking and packing your items. Shipped means the carrier has the parcel. Delivered means the carrier has marked it as delivered.",
      "Large orders sometimes ship in more than one parcel. Each parcel has its own tracking number, listed in the shipping email.",
    ].join("\n\n"),
  },
  {
    title: "Changing or cancelling an order",
    body: [
      "You can change or cancel an order until it is packed, which usually happens within one hour of ordering. Open the order under Orders and choose Edit or Cancel order. If those buttons are missing, the order is already being packed.",
      "Once an order has shipped it cannot be cancelled or redirected by us, but you can return it for free once it arrives and we will refund you.",
      "To change the delivery address after shipping, use the redirect option on the carrier's tracking page, where available.",
    ].join("\n\n"),
  },
  {
    title: "Payment methods, invoices and billing questions",
    body: [
      "We accept Visa, Mastercard, American Express, PayPal and Apple Pay. Your card is charged when you place the order.",
      "Seeing two charges? Your bank may show a temporary authorization hold next to the real payment, for example after a declined or retried payment. Holds are released automatically, usually within 3-5 business days, and only one payment is captured.",
      "Invoices: download an invoice from Orders, then Invoice. To show a company name or VAT number, update your billing profile before downloading. Invoices are created when the order ships.",
      "Discount codes must be entered at checkout before payment. Each code can be used once per account and cannot be combined with sale prices.",
    ].join("\n\n"),
  },
];

const GLOBEX_ARTICLES: readonly Article[] = [
  {
    title: "Understanding your energy bill",
    body: [
      "Your bill shows the energy you used in the billing period, your unit rates and standing charges, and any payments received. Readings marked with an E are estimated; readings marked with an A are actual readings from you or your smart meter.",
      "Why did my bill go up? Common reasons are estimated readings, the end of a fixed tariff, or higher usage in colder months. Submitting an up-to-date meter reading lets us send a corrected bill within 5 working days.",
      "If you think your bill is wrong, contact us with your account number and a photo of your meter. We can hold the payment while we check it.",
    ].join("\n\n"),
  },
  {
    title: "How to submit a meter reading",
    body: [
      "Submit readings online under Account, then Meter readings, or reply to the reminder email we send each month. Read the numbers from left to right and ignore any digits after the decimal point or shown in red.",
      "If your reading is much lower or higher than we expect, it will be flagged for review. Please double-check the digits and add a photo of the meter; a member of our team will review it manually.",
      "Smart meters send readings automatically. If your smart meter has stopped sending readings, contact us and we will try to reconnect it remotely before booking an engineer.",
    ].join("\n\n"),
  },
  {
    title: "Moving house: closing or moving your account",
    body: [
      "Tell us your moving date at least 2 days before you move. On the day you move out, take meter readings (photos are best) and send them to us.",
      "If Globex supplies your new home, we can move your tariff there with no exit fees. Otherwise we close your account and send a final bill to your new address within 14 days.",
      "Any credit left on your account after the final bill is refunded to your bank account within 5 working days.",
    ].join("\n\n"),
  },
  {
    title: "Payment plans and direct debit",
    body: [
      "Paying by direct debit spreads your energy costs evenly over the year. We review the amount every six months based on your recent usage and will tell you before it changes.",
      "If you are struggling to pay a bill, contact us: we can set up a payment plan that splits the amount over several months, or pause payments for up to 30 days while you arrange things. No late fees apply while a plan is active.",
    ].join("\n\n"),
  },
];

// ---------------------------------------------------------------------------------------------
// Who is in the demo

export type DemoSlug = "acme" | "globex";

export interface DemoBusinessPlan {
  slug: DemoSlug;
  name: string;
  legalName: string;
  currency: string;
  currencySymbol: string;
  settings: { routing: "manual" | "auto"; assistantEnabled: boolean };
  /** Used in agent greetings ("... from {brand} support"). */
  brand: string;
  seed: number;
  historicSessions: number;
  customerPool: number;
  live: { waiting: number; active: number; bot: number; closedToday: number };
  /** Keeps the "last 24 hours" charts from having gaps overnight. */
  minSessionsPerRecentHour: number;
  externalId: (random: SeededRandom, index: number) => string;
  orderNumber: (random: SeededRandom) => string;
  topics: readonly Topic[];
  articles: readonly Article[];
}

export const BUSINESS_PLANS: readonly DemoBusinessPlan[] = [
  {
    slug: "acme",
    name: "Acme Support",
    legalName: "Acme Support Ltd.",
    currency: "USD",
    currencySymbol: "$",
    settings: { routing: "manual", assistantEnabled: true },
    brand: "Acme",
    seed: 20_261_124,
    historicSessions: 2_150,
    customerPool: 700,
    live: { waiting: 5, active: 4, bot: 2, closedToday: 4 },
    minSessionsPerRecentHour: 1,
    externalId: (_random, index) => `shop-user-${10_400 + index}`,
    orderNumber: (random) => `#${random.int(40_000, 99_999)}`,
    topics: ACME_TOPICS,
    articles: ACME_ARTICLES,
  },
  {
    slug: "globex",
    name: "Globex",
    legalName: "Globex Corporation",
    currency: "EUR",
    currencySymbol: "€",
    settings: { routing: "auto", assistantEnabled: true },
    brand: "Globex",
    seed: 4_242_017,
    historicSessions: 395,
    customerPool: 160,
    live: { waiting: 3, active: 2, bot: 1, closedToday: 2 },
    minSessionsPerRecentHour: 0,
    externalId: (random) => `GX-${random.int(1_000_000, 9_999_999)}`,
    orderNumber: (random) => `#${random.int(100_000, 999_999)}`,
    topics: GLOBEX_TOPICS,
    articles: GLOBEX_ARTICLES,
  },
];

export interface DemoUserSpec {
  email: string;
  name: string;
  memberships: readonly { slug: DemoSlug; role: Role }[];
  agent?: { slug: DemoSlug; status: AgentStatus; capacity: number };
}

export const DEMO_USERS: readonly DemoUserSpec[] = [
  { email: "owner@acme.test", name: "Olivia Park", memberships: [{ slug: "acme", role: Role.OWNER }] },
  {
    email: "agent@acme.test",
    name: "Alex Morgan",
    memberships: [{ slug: "acme", role: Role.AGENT }],
    agent: { slug: "acme", status: AgentStatus.ONLINE, capacity: 4 },
  },
  {
    email: "maya@acme.test",
    name: "Maya Chen",
    memberships: [{ slug: "acme", role: Role.AGENT }],
    agent: { slug: "acme", status: AgentStatus.ONLINE, capacity: 3 },
  },
  {
    email: "liam@acme.test",
    name: "Liam O'Brien",
    memberships: [{ slug: "acme", role: Role.AGENT }],
    agent: { slug: "acme", status: AgentStatus.AWAY, capacity: 3 },
  },
  {
    email: "sofia@acme.test",
    name: "Sofia Rossi",
    memberships: [{ slug: "acme", role: Role.AGENT }],
    agent: { slug: "acme", status: AgentStatus.OFFLINE, capacity: 4 },
  },
  { email: "owner@globex.test", name: "Grace Holt", memberships: [{ slug: "globex", role: Role.OWNER }] },
  {
    email: "agent@globex.test",
    name: "Jonas Weber",
    memberships: [{ slug: "globex", role: Role.AGENT }],
    agent: { slug: "globex", status: AgentStatus.ONLINE, capacity: 3 },
  },
  {
    email: "noah@globex.test",
    name: "Noah Fischer",
    memberships: [{ slug: "globex", role: Role.AGENT }],
    agent: { slug: "globex", status: AgentStatus.ONLINE, capacity: 3 },
  },
  {
    email: "priya@globex.test",
    name: "Priya Nair",
    memberships: [{ slug: "globex", role: Role.AGENT }],
    agent: { slug: "globex", status: AgentStatus.OFFLINE, capacity: 3 },
  },
  {
    email: "manager@both.test",
    name: "Morgan Blake",
    memberships: [
      { slug: "acme", role: Role.ADMIN },
      { slug: "globex", role: Role.ADMIN },
    ],
  },
];
