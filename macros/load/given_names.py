"""Given names, for spotting people's names in contributed text.

Written for this guide, not downloaded: names from across the UK's communities (English, Welsh,
Scottish, Irish, Caribbean, West and East African, South Asian, Middle Eastern, Eastern European,
Chinese and Vietnamese), each in the plain Latin letters the check reads (accents removed).

GIVEN_NAMES are names that are rarely anything else, so one alone can mark a person ("Kevin said").
WORD_LIKE_NAMES are also everyday words or start place and body names (April, Will, Hope, Frank,
Howard League, Leonard Cheshire): they count only as the first of two names next to a word about
a person ("her daughter Precious Okafor"), never alone.
"""

from __future__ import annotations

GIVEN_NAMES: frozenset[str] = frozenset(
    """
    Aaliyah Aamir Aarav Aaron Abbas Abbi Abbie Abby Abdi Abdiaziz Abdikarim Abdinasir Abdirahman Abdoulaye Abdul
    Abdulahi Abdullah Abdullahi Abdur Abena Abhishek Abigail Abimbola Abul Adaeze Adam Adebayo Adebola Adeel
    Adekunle Adel Adele Adeola Adewale Adeyemi Adnan Adrian Adunni Adwoa Afua Afzal Agim Agnieszka Ahmad Ahmadi
    Ahmed Ahmet Aidan Ailsa Aimee Aisha Aishah Aisling Aivars Ajay Akash Akeel Akhtar Akosua Akram Alaa Alan
    Alana Alasdair Alastair Albert Aled Aleksander Aleksandr Aleksandra Alemayehu Alesha Alex Alexander
    Alexandra Alexandru Alexei Alfie Alhaji Ali Alice Alicia Alisha Alison Alistair Alpesh Alun Ama Amadou Amal
    Amanda Amandeep Amara Amari Amarjit Ambreen Amelia Amelie Amie Amina Aminata Amir Amit Amjad Amna Amrit Amy
    Anand Anastasia Anca Andre Andrea Andreas Andrei Andrew Andris Andriy Androulla Andrzej Andy Aneesa Angela
    Angharad Angus Ania Anil Anita Anjali Anjum Ankit Ann Anna Annabel Annabelle Anne Annie Anthony Antoine
    Anton Anup Anwar Anwara Aoife Arash Arben Archie Arjan Arjun Arkadiusz Arlo Arshad Arthur Arturas Arun Aryan
    Asad Asha Ashleigh Ashley Ashok Asif Asim Asma Atif Aurimas Ava Awa Ayaan Ayan Ayesha Aylin Ayman Ayodele
    Ayomide Ayse Ayub Azhar Babajide Babak Bahram Balbir Baljit Balvinder Barbara Barney Barry Bartek Bartosz
    Bashir Basia Beata Becky Behnam Bella Ben Benjamin Bereket Beryl Besnik Bethan Bethany Beverley Beverly
    Bharat Bhavna Bhupinder Bilal Billy Biniam Bisi Blerim Blessing Bobby Bogdan Bogdana Bolaji Bradley Brandon
    Brenda Brendan Brian Bridget Bronwen Brooke Bryony Bukola Burak Caitlin Callum Calum Cameron Caoimhe Carl
    Carla Carly Carol Caroline Carwyn Carys Casey Cassie Catalin Cathal Catherine Catrin Catriona Cem Ceri Cerys
    Chantelle Charanjit Charlene Charles Charley Charlie Charlotte Chelsea Cheryl Chetan Chiamaka Chidi Chidinma
    Chika Chinedu Chinonso Chioma Chloe Chris Christine Christopher Christos Chukwuemeka Ciara Ciaran Claire
    Clare Claudiu Cleon Clifford Clive Clodagh Codie Colin Colleen Colm Connie Connor Conor Corey Cormac Cosmin
    Costas Costel Craig Cristian Dafydd Daisy Dajuan Dale Damarcus Damian Damien Damilola Dan Dana Daniel
    Daniela Danielle Danish Danny Danuta Darcey Darcie Daria Darius Dariush Dariusz Darnell Darragh Darrell
    Darren Darroch Darshan Dave David Dawid Dawit Debbie Deborah Declan Deepak Deepika Deeqa Deirdre Delano
    Delroy Delwar Delyth Demarco Demi Denise Deniz Dennis Denzel Derek Dermot Deshawn Desiree Desmond Dev Dewi
    Dhruv Diane Diarmuid Dilip Dimitris Dina Dionne Dipesh Dmitri Dmitry Dominic Dominika Dominique Donal Donna
    Donovan Doreen Dorin Dorota Dorothy Douglas Dritan Duane Dumitru Duncan Dwayne Dwight Dylan Eamon Eamonn
    Ebere Ebony Eddie Edie Edith Edon Edward Edyta Efua Egle Eileen Eilidh Eimear Eirian Ejaz Ejiro Ekaterina
    Ekow Elaine Eleanor Elena Eleni Eleri Elif Elin Eliot Elise Eliza Elizabeth Ella Ellie Elliot Elliott Eloise
    Elsie Elzbieta Emeka Emily Emma Emre Emyr Endrit Enitan Eoin Erdem Eric Erin Erion Ermal Ernest Errol Esi
    Esme Ethan Euan Evan Eve Evelyn Everald Evie Ewa Ewan Ewelina Eyerusalem Fadi Faduma Faisal Farhan Farid
    Farooq Fartun Farzaneh Fatima Fatma Fatmata Fatmir Fatou Fawad Fay Felix Femi Fergal Fergus Ffion Fiifi
    Filmon Finley Finn Fintan Fiona Fionnuala Florin Folake Folasade Fozia Frances Francesca Frankie Fraser
    Freddie Freya Funke Funmi Gabriel Gagandeep Gail Galina Gareth Garry Gary Gaurav Gavin Gbenga Gemma Genti
    Gentian Geoffrey George Georgia Georgina Geraint Gerald Geraldine Gerard Gethin Ghassan Ghazala Gheorghe
    Gillian Gintare Giorgos Glenn Gloria Glyn Gordon Gosia Gracie Graham Grainne Grazyna Greg Gregor Gregory
    Grzegorz Guled Gurdeep Gurinder Gurjit Gurmeet Gurpreet Gwen Gwendoline Gwenllian Gwilym Gwyn Habib Habibur
    Habtom Hadi Hafsa Haile Hakan Halina Hamed Hamid Hamish Hamza Hana Hanan Hanif Hannah Hardeep Harinder
    Harish Harjit Harold Haroon Harpal Harpreet Harriet Harry Harvey Harvinder Hasan Hassan Hayley Heather Heba
    Hefin Heidi Heledd Helen Hemal Hemant Henry Hibo Hina Hisham Hitesh Hoang Hodan Hollie Hopeton Hossein Huda
    Humaira Humza Huong Huseyin Husna Hussain Hussein Huw Iain Ian Ibrahim Ibrahima Idrees Idris Ieuan Ifan
    Ifeanyi Ifeoma Iftikhar Ijaz Ikenna Ilhan Ilir Ilyas Ilze Imogen Imran Inderjit Innes Ioana Iolo Ionel
    Ionela Ionut Iqra Irene Irfan Irina Isaac Isabel Isabella Isabelle Isatu Ishaq Isla Ismail Isobel Issa Iulia
    Iulian Ivan Iwan Iwona Jacek Jack Jackie Jacob Jacqueline Jacqui Jade Jagdeep Jagjit Jahanara Jahmal Jake
    Jakub Jamal Jamar James Jamie Jamil Jan Jane Janet Janice Janis Janusz Jasbir Jasmine Jason Jaspal Jaspreet
    Jasvinder Jaswinder Jatinder Javed Jawad Jayden Jayesh Jaylen Jazmin Jean Jeanette Jeevan Jeff Jemma Jenna
    Jennifer Jenny Jensen Jenson Jeremy Jermaine Jerome Jerzy Jess Jessica Jevon Jignesh Jill Jo Joan Joanna
    Joanne Jodi Jodie Jody Joe Joel Johanna John Jolanta Jolene Jon Jonah Jonas Jonathan Jordan Joseph Josephine
    Josh Joshua Joyce Judith Julia Julian Julie Jumoke Junaid Juris Justin Justinas Justyna Kacper Kadeem
    Kalpesh Kamal Kamaljit Kamil Kamrul Kara Karan Kareem Karen Karim Karl Karolina Kashif Kasia Katarzyna Kate
    Kathleen Katie Kausar Kavita Kayla Kayleigh Kayode Keeley Kehinde Keisha Keith Kelly Kelsey Kemal Kemar
    Kendrick Kenneth Keon Kerri Kerrie Kerron Kerry Ketan Kevin Khadija Khadra Khaled Khalid Khanh Kian Kibrom
    Kidane Kieran Kieron Kim Kinga Kiran Kirk Kirsteen Kirsty Kishan Klodian Kofi Kojo Kostas Kristaps Kristian
    Kristopher Krystyna Krzysztof Kujtim Kuldeep Kulwant Kulwinder Kwabena Kwaku Kwame Kwasi Kweku Kyle Kyra
    Lachlan Lakeisha Lakhvinder Lamar Lamin Lanre Lara Lashawn Latisha Latoya Laura Lauren Laurentiu Layla Leah
    Leanne Lee Leila Lennon Leon Leonie Leroy Lesley Leslie Levent Lewis Lexi Liam Liban Liga Lily Lina Linda
    Lindsay Lindsey Linh Lisa Liviu Liz Llinos Lloyd Llyr Logan Lola Loredana Lorna Lorraine Lottie Louie Louise
    Lowri Lubna Luca Lucas Lucy Ludmila Lukasz Luke Lydia Lyndsey Lynn Lynne Maciej Maddie Madison Maeve
    Magdalena Maha Mahamed Mahbub Mahesh Mahmood Mahmoud Mahmud Mairead Mairtin Maisie Majed Majid Malcolm
    Malgorzata Mamadou Mandeep Mandy Manish Manjit Manoj Manon Manpreet Mantas Maqsood Marc Marcia Marcin Marcus
    Mared Marek Margaret Maria Mariam Mariama Marian Marie Marilyn Marion Marius Mariusz Marjorie Mark Marlon
    Marta Martha Martin Martins Marvin Marwan Mary Maryam Mason Massoud Mateusz Matilda Matthew Maureen Max
    Maxine Mebrahtu Meena Megan Mehdi Mehmet Mehwish Meinir Melanie Meleri Merhawi Merle Mervyn Meseret Mesfin
    Mhairi Mia Michael Michaela Michal Michelle Mihaela Mihai Mike Millicent Millie Milosz Mimoza Minal
    Mindaugas Minh Mircea Mitesh Mizanur Modupe Mohamed Mohammad Mohammed Mohamud Mohannad Mohinder Mohsen
    Mollie Molly Momena Monika Monique Morag Moussa Mubarak Mudassar Muhammad Mukesh Mukhtar Murat Murdo Muriel
    Mustafa Mykola Nabeel Nadeem Nadia Nadine Naeem Najib Naomi Naresh Narinder Nasir Nasra Nasrin Natalia
    Natalie Natalya Natasha Nathan Nathaniel Navdeep Naveed Navjot Nazia Nazir Neha Neil Neville Ngozi Nguyet
    Nia Niall Niamh Nicholas Nicola Nicolae Nicole Nigel Nikhil Nikki Nikolai Nikos Nilesh Nina Nirmal Nisha
    Nitin Nkechi Nnamdi Nneka Noah Noor Noreen Norma Norman Nour Nuala Nurul Nusrat Nyah Obinna Oisin Oksana
    Oladele Olamide Olawale Oleksandr Oleksiy Olena Olga Olha Oliver Olivia Ollie Olufemi Olumide Oluwadamilare
    Oluwafemi Oluwakemi Oluwaseun Oluwaseyi Oluwatobi Oluwatosin Omar Omid Onyeka Orla Orlaith Orville Osama
    Oscar Osian Oumou Ousmane Ovidiu Owain Owen Ozan Ozlem Padraic Padraig Paige Pamela Panayiotis Pankaj
    Paramjit Paresh Parisa Parminder Parveen Parveer Patrice Patricia Patrick Patrycja Paul Paula Paulina
    Pauline Pavlo Pawel Peadar Peter Petru Philip Philippa Phillip Phoebe Phuong Piotr Pooja Pradeep Prakash
    Pritam Priti Priya Proinsias Przemek Przemyslaw Qasim Quang Rabia Rachel Radek Radoslaw Radu Rafal Rahim
    Rahima Rahul Raivis Rajan Rajdeep Rajesh Rajinder Rajvinder Rakesh Ramesh Rami Rana Rania Ranjit Ranveer
    Rasa Rasha Rashad Rashid Rashida Ravi Ravinder Raymond Razia Razvan Rebecca Rebekah Recep Reece Reem Reena
    Reese Reggie Rehana Renata Reza Rhian Rhianna Rhiannon Rhodri Rhydian Rhys Riaz Ricardo Richard Ricky Riley
    Rita Ritesh Rizwan Robbie Robert Robyn Rodney Rohan Rohit Roisin Rokeya Rolandas Ronald Ronan Ronnie Rory
    Rosemary Rosie Ross Roxanne Roy Ruairi Ruairidh Ruaridh Rubina Rukhsana Rupal Rupesh Rupinder Russell Ruta
    Ruth Ryan Rylee Sabir Sabrina Sachin Sadia Sadie Sadiq Saeed Safia Sagal Sahra Saima Sajid Sajjad Salah
    Sally Salma Sam Samantha Samer Sami Samina Samir Samira Samuel Sandeep Sandra Sanjay Sanjeev Santosh Saoirse
    Sara Sarah Sasha Satnam Satwinder Saulius Sayed Scott Seamus Sean Segun Sejal Selam Selin Semhar Senait
    Seonaid Sergei Serhiy Serkan Seun Sevda Seydou Shabana Shabnam Shadi Shafiq Shafiqul Shahana Shahid Shahida
    Shakeel Shalini Shamar Shamim Shamsul Shane Shanelle Shanice Shaniqua Shannon Shantelle Shaquille Sharanjit
    Sharlene Sharna Sharon Shaun Shauna Shazia Shehzad Sheila Sheku Shelley Sheryl Shilpa Shireen Shirelle
    Shirin Shirley Shona Shpetim Sian Simon Simran Sinead Siobhan Sion Sioned Siwan Slawomir Sohail Sonia Sonny
    Sophia Sophie Sorcha Sorin Stacey Stacy Stanislaw Stavros Stefan Steffan Stella Stephanie Stephen Steve
    Steven Struan Stuart Sukhdeep Sukhvinder Sukhwinder Sulaiman Suleman Sultana Sumaira Sumit Sunil Sunita
    Suresh Surinder Susan Suzanne Svetlana Sylvia Sylwia Szymon Tadeusz Tadhg Tahir Tahira Tamer Tamsin Tanisha
    Tanveer Tanya Tara Taras Tariq Tarsem Tashana Taslima Tasneem Tatiana Teagan Tejal Temitope Teodora Terence
    Teresa Terry Tesfaye Thanh Thelma Theo Theresa Thomas Thuy Tia Tiffany Tigist Tina Tobi Toby Tom Tomas
    Tomasz Tomek Tommy Tomos Toni Tony Torquil Tosin Tracey Tracy Trang Travis Trevor Tristan Trudy Trystan Tuan
    Tuncay Tunde Tushar Tyler Tyrell Tyrese Tyrone Ubah Uche Uchenna Umar Umesh Una Urszula Usman Uzma Vaidas
    Valbona Valentin Valerie Vanessa Vasile Vasyl Vera Vicki Vicky Victoria Vijay Vikas Vikram Viktor Viktoriya
    Vincent Vinod Viorel Vipul Vivienne Vlad Vladimir Volodymyr Vytautas Wael Wahid Wajid Waleed Waqar Waqas
    Warren Warsame Wayne Wendy Wesley Wieslaw Wiktor Wiktoria William Winston Witold Wojciech Yana Yaseen Yash
    Yasin Yasir Yasmin Yaw Yemane Yemi Yetunde Yiannis Yohannes Yolanda Yonas Younis Yousef Yulia Yuriy Yusuf
    Yvonne Zach Zachary Zafar Zahid Zahra Zain Zainab Zainabu Zak Zalmay Zamzam Zara Zayn Zbigniew Zeeshan
    Zeynep Ziad Zoe Zoey Zofia Zubair Zulfiqar Zuzanna Zydrunas
    """.split()
)

WORD_LIKE_NAMES: frozenset[str] = frozenset(
    """
    Amber April Bill Chen Destiny Faith Florence Frank Glen Grace Guy Harley Hazel Honour Hope Howard Jay
    Joy Jun June Leo Leonard Li Marina May Mercy Ming Morgan Nana Nick Pat Patience Penny Poppy Precious Ray Rob
    Roger Rose Ruby Skye Stanley Sue Summer Taylor Troy Wallace Walter Wei Will Yu
    """.split()
)
